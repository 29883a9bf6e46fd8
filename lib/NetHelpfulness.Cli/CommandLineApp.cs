using NetHelpfulness.Cli.Commands;

namespace NetHelpfulness.Cli;

/// <summary>The <c>nethelp</c> program: dispatches to a command and maps failures to exit codes.</summary>
/// <remarks>Exit codes: 0 success; 2 bad input or bad usage (one line per problem on stderr, nothing on stdout); 1 a bug;
/// 130 interrupted (Ctrl-C), nothing written.</remarks>
internal static class CommandLineApp
{
    public const int Success = 0, Bug = 1, BadInput = 2, Interrupted = 130;

    internal static IReadOnlyList<ICommand> Commands { get; } =
    [
        new ScoreCommand(),
        new BannerCommand(),
        new RatioCommand(),
        new PlanCommand(),
        new SimulateCommand(),
        new CoverageCommand(),
        new ReproduceCommand(),
        new CompareCommand(),
        new EffectsCommand(),
        new DescribeCommand(),
        new WeightCommand(),
        new ModelCommand(),
    ];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            var topic = args.Length > 1 ? Commands.FirstOrDefault(c => c.Name == args[1]) : null;
            stdout.Write(topic is null ? Overview() : topic.Help);
            return args.Length == 0 ? BadInput : Success;
        }

        var command = Commands.FirstOrDefault(c => c.Name == args[0]);
        if (command is null)
        {
            stderr.WriteLine($"nethelp: unknown command '{args[0]}'; commands: {string.Join(", ", Commands.Select(c => c.Name))}");
            return BadInput;
        }

        try
        {
            var options = ParsedOptions.Parse(args.AsSpan(1), command.Options);
            StartupReport.Mark("options");
            if (options.Has("help"))
            {
                stdout.Write(command.Help);
                return Success;
            }

            // A command returns its whole output, so a failure half-way prints nothing on stdout.
            var output = command.Run(options, stderr);
            StartupReport.Mark("format");
            stdout.Write(output);
            stdout.Flush();
            StartupReport.Mark("write");
            return Success;
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"nethelp {command.Name}: {e.Message}");
            stderr.WriteLine($"run 'nethelp {command.Name} --help' for its options");
            return BadInput;
        }
        catch (InterruptedException e)
        {
            stderr.WriteLine($"nethelp {command.Name}: {e.Message}");
            return Interrupted;
        }
        catch (NetHelpfulnessException e)
        {
            foreach (var line in e.Lines)
            {
                stderr.WriteLine(line);
            }

            return BadInput;
        }
#pragma warning disable CA1031 // The program's last line of defence: anything else is a bug, reported as one.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"nethelp {command.Name}: internal error (this is a bug; please report it with what follows)");
            stderr.WriteLine(e.ToString());
            return Bug;
        }
    }

    private static string Overview()
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine("nethelp: net helpfulness scores for creepy-to-helpful survey data");
        text.AppendLine();
        text.AppendLine("usage: nethelp COMMAND [options]      (nethelp help COMMAND for its options)");
        text.AppendLine();
        foreach (var c in Commands)
        {
            text.AppendLine($"  {c.Name,-10} {c.Summary}");
        }

        return text.ToString();
    }
}
