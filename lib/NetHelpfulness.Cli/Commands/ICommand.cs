using System.Text;

namespace NetHelpfulness.Cli.Commands;

/// <summary>One <c>nethelp</c> command.</summary>
internal interface ICommand
{
    string Name { get; }

    string Summary { get; }

    IReadOnlyList<OptionSpec> Options { get; }

    string Help => HelpText.For(this);

    /// <summary>Runs the command and returns everything it prints on stdout; progress goes to <paramref name="stderr"/>.</summary>
    string Run(ParsedOptions options, TextWriter stderr);
}

internal static class HelpText
{
    public static string For(ICommand command)
    {
        var text = new StringBuilder();
        text.AppendLine($"nethelp {command.Name}: {command.Summary}");
        text.AppendLine();
        foreach (var o in command.Options)
        {
            var left = o.IsFlag ? $"--{o.Name}" : $"--{o.Name} {o.ValueName ?? "VALUE"}";
            text.AppendLine($"  {left,-28} {o.Help}");
        }

        return text.ToString();
    }
}
