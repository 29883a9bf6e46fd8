// The namespaces nearly every part of the program uses: the data, the estimators and the output formats.
global using NetHelpfulness.Cli.Output;
global using NetHelpfulness.Data;
global using NetHelpfulness.Estimation;
