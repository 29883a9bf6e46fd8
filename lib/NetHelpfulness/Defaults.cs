namespace NetHelpfulness;

/// <summary>
/// Every default of the package in one place — seeds, replicates, the confidence level, the small-cell threshold — so
/// that the library, the command line, the report and the notebooks agree, and a default is changed once.
/// </summary>
public static class Defaults
{
    /// <summary>Confidence level of every interval unless another is asked for.</summary>
    public const double Level = 0.95;

    /// <summary>Groups (domains) with fewer respondents are suppressed in tables: respondent-level data are personal data, and such estimates are too noisy to show.</summary>
    public const int MinimumCell = 30;

    /// <summary>Bootstrap replicates when none are asked for.</summary>
    public const int BootstrapReplicates = 2000;

    /// <summary>The bootstrap's seed when none is given, so that a default run is reproducible too.</summary>
    public const ulong BootstrapSeed = 20260401;

    /// <summary>The seed of the shipped synthetic survey (data/synthetic/survey.csv).</summary>
    public const ulong SurveySimulationSeed = 20_261_129;

    /// <summary>The seed of the shipped synthetic trust study (data/synthetic/trust.csv).</summary>
    public const ulong TrustSimulationSeed = 20_261_130;

    /// <summary>The seed of the interval coverage study.</summary>
    public const ulong CoverageSeed = 20_261_129;
}
