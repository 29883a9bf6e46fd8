using System.Globalization;

namespace NetHelpfulness.Cli;

/// <summary>An option a command accepts: <c>--name VALUE</c>, or a flag <c>--name</c>.</summary>
internal sealed record OptionSpec(string Name, string Help, bool IsFlag = false, string? ValueName = null);

/// <summary>Options parsed from the command line: <c>--name value</c>, <c>--name=value</c> or flags.</summary>
internal sealed class ParsedOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static ParsedOptions Parse(ReadOnlySpan<string> args, IReadOnlyList<OptionSpec> specs)
    {
        var parsed = new ParsedOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}' (options start with --)");
            }

            var name = arg[2..];
            string? inlineValue = null;
            var equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                inlineValue = name[(equals + 1)..];
                name = name[..equals];
            }

            if (name == "help")
            {
                parsed._values["help"] = "";
                continue;
            }

            var spec = specs.FirstOrDefault(s => s.Name == name)
                ?? throw new UsageException($"unknown option --{name}; options: {string.Join(" ", specs.Select(s => "--" + s.Name))}");
            if (parsed._values.ContainsKey(name))
            {
                throw new UsageException($"--{name} is given twice");
            }

            if (spec.IsFlag)
            {
                if (inlineValue is not null)
                {
                    throw new UsageException($"--{name} takes no value");
                }

                parsed._values[name] = "";
                continue;
            }

            var value = inlineValue ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"--{name} needs a value ({spec.ValueName ?? "VALUE"})"));
            parsed._values[name] = value;
        }

        return parsed;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public string Require(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Get(name) ?? fallback;
        return allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new UsageException($"--{name} must be one of {string.Join(", ", allowed)}; got '{value}'");
    }

    public double Double(string name, double fallback, double minExclusive, double maxExclusive)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > minExclusive && value < maxExclusive
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture,
                $"--{name} must be a number between {minExclusive} and {maxExclusive} (exclusive, '.' as decimal point); got '{text}'"));
    }

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException(string.Create(CultureInfo.InvariantCulture, $"--{name} must be an integer {min}..{max}; got '{text}'"));
    }
}
