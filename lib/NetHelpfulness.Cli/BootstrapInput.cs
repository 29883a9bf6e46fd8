using System.Globalization;

namespace NetHelpfulness.Cli;

/// <summary>The interval-method and bootstrap options shared by <c>score</c> and <c>compare</c>.</summary>
internal static class BootstrapInput
{
    public static IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("replicates", $"bootstrap replicates (default {BootstrapOptions.DefaultReplicates})", ValueName: "B"),
        new("seed", $"bootstrap seed, an integer 0..{ulong.MaxValue} (default {BootstrapOptions.DefaultSeed}); the same seed gives the same interval", ValueName: "N"),
    ];

    public static IntervalMethod? BootstrapMethod(string name) => name switch
    {
        "bootstrap-percentile" => IntervalMethod.BootstrapPercentile,
        "bootstrap-bca" => IntervalMethod.BootstrapBca,
        _ => null,
    };

    /// <summary>The bootstrap settings when <paramref name="method"/> is a bootstrap method, else null (and --replicates/--seed are refused).</summary>
    public static BootstrapOptions? Read(ParsedOptions options, IntervalMethod method)
    {
        if (method is not (IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca))
        {
            return options.Has("replicates") || options.Has("seed")
                ? throw new UsageException("--replicates and --seed apply to --ci bootstrap-percentile or bootstrap-bca only")
                : null;
        }

        var replicates = options.Int("replicates", BootstrapOptions.DefaultReplicates, 2, 10_000_000);
        var seedText = options.Get("seed");
        var seed = BootstrapOptions.DefaultSeed;
        if (seedText is not null && !ulong.TryParse(seedText, NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            throw new UsageException($"--seed must be an integer 0..{ulong.MaxValue}; got '{seedText}'");
        }

        return new BootstrapOptions { Replicates = replicates, Seed = seed };
    }
}
