using System.Globalization;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Cli.Commands;

/// <summary>
/// <c>nethelp simulate</c>: writes a synthetic survey or trust study. With its defaults it regenerates
/// <c>data/synthetic/survey.csv</c> or <c>data/synthetic/trust.csv</c> byte for byte.
/// </summary>
internal sealed class SimulateCommand : ICommand
{
    public string Name => "simulate";

    public string Summary => "write a synthetic survey or trust study, calibrated to the article's figures";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("study", "survey (11,500 respondents x 10 scenarios) or trust (7,500 respondents)", ValueName: "STUDY"),
        new("seed", string.Create(CultureInfo.InvariantCulture,
            $"random seed, 0..{ulong.MaxValue} (default: survey {SurveySimulation.DefaultSeed}, trust {TrustSimulation.DefaultSeed})"), ValueName: "N"),
        new("respondents", string.Create(CultureInfo.InvariantCulture,
            $"number of respondents, {SurveySimulation.MinimumRespondents}..{SurveySimulation.MaximumRespondents} (default: the article's)"), ValueName: "N"),
        new("out", "the CSV file to write (written to a temporary file beside it, then moved into place)", ValueName: "FILE"),
        new("force", "replace FILE if it exists", IsFlag: true),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var study = options.Has("study") ? options.Choice("study", "survey", "survey", "trust") : throw new UsageException("--study is required (survey or trust)");
        var path = options.Require("out");
        var seed = Seed(options, study == "survey" ? SurveySimulation.DefaultSeed : TrustSimulation.DefaultSeed);
        var respondents = options.Int("respondents",
            study == "survey" ? SurveySimulation.DefaultRespondents : TrustSimulation.DefaultRespondents,
            SurveySimulation.MinimumRespondents, SurveySimulation.MaximumRespondents);
        var target = OutputFile.CheckTarget(path, options.Has("force"));

        string summary;
        Action<Stream> write;
        if (study == "survey")
        {
            var survey = SurveySimulation.Generate(new SurveySimulationOptions { Seed = seed, Respondents = respondents });
            write = survey.WriteCsv;
            summary = string.Create(CultureInfo.InvariantCulture,
                $"synthetic survey: {survey.RespondentIds.Count} respondents x {survey.Scenarios.Count} scenarios, {survey.Options.Countries.Count} countries, seed {seed}");
        }
        else
        {
            var trust = TrustSimulation.Generate(new TrustSimulationOptions { Seed = seed, Respondents = respondents });
            write = trust.WriteCsv;
            summary = string.Create(CultureInfo.InvariantCulture,
                $"synthetic trust study: {trust.RespondentIds.Count} respondents, {trust.Options.Countries.Count} countries, seed {seed}");
        }

        var hash = OutputFile.WriteAtomically(target, write, options.Has("force"));
        return $"wrote {path}: {summary}, sha256 {hash}\n";
    }

    private static ulong Seed(ParsedOptions options, ulong fallback)
    {
        var text = options.Get("seed");
        if (text is null)
        {
            return fallback;
        }

        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--seed must be an integer 0..{ulong.MaxValue}; got '{text}'"));
    }
}
