using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Figures;

/// <summary>A test that needs a real Chromium; skipped, with the reason, where none is installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (FigureImageExporter.FindChromium() is null)
        {
            Skip = $"no Chromium at {FigureImageExporter.DefaultChromiumPath} (or ${FigureImageExporter.ChromiumVariable}); "
                + "install it ('apt-get install -y chromium', as .ci/run does) to run the real-browser tests";
        }
    }
}
