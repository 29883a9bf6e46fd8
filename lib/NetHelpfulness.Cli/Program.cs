using NetHelpfulness.Cli;

StartupReport.Begin();
var code = CommandLineApp.Run(args, Console.Out, Console.Error);
StartupReport.Write(Console.Error);
return code;
