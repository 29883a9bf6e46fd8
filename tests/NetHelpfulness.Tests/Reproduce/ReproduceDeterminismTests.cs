using System.Text.RegularExpressions;
using NetHelpfulness.Tests.Figures;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary>Two runs of <c>reproduce</c> give byte-identical tables, report and figures; only the manifest's timestamp differs (issue 8).</summary>
public class ReproduceDeterminismTests
{
    [Fact]
    public void Two_runs_without_images_are_byte_identical() => AssertTwoRunsIdentical(images: false);

    [ChromiumFact]
    public void Two_runs_with_png_and_svg_are_byte_identical() => AssertTwoRunsIdentical(images: true);

    private static void AssertTwoRunsIdentical(bool images)
    {
        using var study = new SyntheticStudyFixture();
        var second = Path.Combine(study.Root, "artifacts-2");
        foreach (var output in new[] { study.Output, second })
        {
            string[] args = ["reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", output, .. images ? Array.Empty<string>() : ["--no-images"]];
            var run = ReproduceCommandTests.Run(args);
            Assert.True(run.Code == 0, run.Stderr);
        }

        var files = Directory.EnumerateFiles(study.Output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(study.Output, f)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(files, Directory.EnumerateFiles(second, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(second, f)).Order(StringComparer.Ordinal));
        if (images)
        {
            Assert.Contains(files, f => f.EndsWith(".png", StringComparison.Ordinal));
            Assert.Contains(files, f => f.EndsWith(".svg", StringComparison.Ordinal));
        }

        foreach (var file in files)
        {
            var a = File.ReadAllBytes(Path.Combine(study.Output, file));
            var b = File.ReadAllBytes(Path.Combine(second, file));
            if (file == "manifest.json")
            {
                Assert.Equal(WithoutTimestamp(a), WithoutTimestamp(b));
            }
            else
            {
                Assert.True(a.AsSpan().SequenceEqual(b), $"{file} differs between two runs");
            }
        }
    }

    private static string WithoutTimestamp(byte[] manifest) =>
        Regex.Replace(System.Text.Encoding.UTF8.GetString(manifest), "\"created_utc\": \"[^\"]*\"", "\"created_utc\": \"\"");
}
