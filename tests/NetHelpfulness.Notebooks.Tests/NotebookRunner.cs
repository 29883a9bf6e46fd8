using System.Diagnostics;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using DocumentKernelInfo = Microsoft.DotNet.Interactive.Documents.KernelInfo;

namespace NetHelpfulness.Notebooks.Tests;

/// <summary>One executed code cell.</summary>
/// <param name="Position">1-based position of the cell in the notebook, markdown cells counted.</param>
/// <param name="FirstLine">The cell's first line of code, to recognise it in messages.</param>
/// <param name="Elapsed">Wall-clock time of the cell.</param>
/// <param name="Errors">Error texts the cell produced; empty when it ran cleanly.</param>
internal sealed record CellRun(int Position, string FirstLine, TimeSpan Elapsed, IReadOnlyList<string> Errors);

/// <summary>A notebook run in-process: the document with outputs, and each code cell's result.</summary>
internal sealed record NotebookRun(string Path, InteractiveDocument Executed, IReadOnlyList<CellRun> Cells, TimeSpan Elapsed)
{
    public IEnumerable<CellRun> FailedCells => Cells.Where(c => c.Errors.Count > 0);
}

/// <summary>
/// Executes a .ipynb notebook with the .NET Interactive C# kernel inside this process, cell by cell, as the
/// Polyglot kernel would, and records each cell's outputs and errors.
/// </summary>
/// <remarks>
/// What the official kernel does and the library alone does not: <c>UseNugetDirective</c> only restores packages,
/// so the resolved assemblies are added to the C# kernel here, and the packages' kernel extensions
/// (<c>interactive-extensions/dotnet/*.dll</c>, e.g. the DataFrame formatter of Microsoft.Data.Analysis) are loaded here.
/// Relative <c>#r</c> paths and file paths in cells resolve against the process's working directory, so the runner sets
/// it to the notebook's folder for the run: callers must not run notebooks in parallel.
/// </remarks>
internal static class NotebookRunner
{
    public const string CSharpKernelName = "csharp";

    private static readonly KernelInfoCollection KernelInfos = CreateKernelInfos();

    public static async Task<NotebookRun> RunAsync(string notebookPath, TimeSpan cellTimeout)
    {
        var fullPath = Path.GetFullPath(notebookPath);
        InteractiveDocument document;
        await using (var stream = File.OpenRead(fullPath))
        {
            document = Notebook.Read(stream, KernelInfos);
        }

        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(fullPath)!;
        Formatter.ResetToDefault();
        var total = Stopwatch.StartNew();
        try
        {
            using var kernel = CreateKernel();
            var cells = new List<CellRun>();
            var executionCount = 0;
            for (var i = 0; i < document.Elements.Count; i++)
            {
                var element = document.Elements[i];
                if (element.KernelName == "markdown")
                {
                    continue;
                }

                element.Outputs.Clear();
                element.ExecutionOrder = ++executionCount;
                var cell = Stopwatch.StartNew();
                var errors = element.KernelName == CSharpKernelName
                    ? await SubmitAsync(kernel, element, cellTimeout)
                    : [$"this runner executes C# cells only; the cell's kernel is '{element.KernelName}'"];
                cells.Add(new CellRun(i + 1, FirstLine(element.Contents), cell.Elapsed, errors));
            }

            return new NotebookRun(fullPath, document, cells, total.Elapsed);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    /// <summary>
    /// Writes the executed notebook: the original file's JSON, metadata untouched, with each code cell's outputs and
    /// execution count filled in as nbformat 4 outputs.
    /// </summary>
    public static void Write(NotebookRun run, string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(run.Path))!.AsObject();
        var cells = notebook["cells"]!.AsArray();
        if (cells.Count != run.Executed.Elements.Count)
        {
            throw new InvalidOperationException($"{run.Path}: {cells.Count} cells in the JSON but {run.Executed.Elements.Count} parsed");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var element = run.Executed.Elements[i];
            var cell = cells[i]!.AsObject();
            if ((string?)cell["cell_type"] != "code")
            {
                continue;
            }

            cell["execution_count"] = element.ExecutionOrder;
            cell["outputs"] = new JsonArray([.. element.Outputs.Select(o => ToJupyter(o, element.ExecutionOrder))]);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static JsonObject ToJupyter(InteractiveDocumentOutputElement output, int executionCount) => output switch
    {
        ReturnValueElement value => new JsonObject
        {
            ["output_type"] = "execute_result",
            ["execution_count"] = executionCount,
            ["data"] = Data(value.Data),
            ["metadata"] = new JsonObject(),
        },
        DisplayElement display => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = Data(display.Data),
            ["metadata"] = new JsonObject(),
        },
        TextElement text => new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = text.Name,
            ["text"] = text.Text,
        },
        ErrorElement error => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = error.ErrorName,
            ["evalue"] = error.ErrorValue,
            ["traceback"] = new JsonArray([.. error.StackTrace.Select(line => JsonValue.Create(line))]),
        },
        _ => throw new InvalidOperationException("unexpected output element " + output.GetType().Name),
    };

    private static JsonObject Data(IDictionary<string, object> data) =>
        new(data.Select(pair => KeyValuePair.Create(pair.Key, (JsonNode?)JsonValue.Create(pair.Value.ToString()))));

    private static CompositeKernel CreateKernel()
    {
        var csharp = new CSharpKernel()
            .UseNugetDirective(OnPackagesResolvedAsync)
            .UseKernelHelpers()
            .UseValueSharing();
        var composite = new CompositeKernel { csharp };
        composite.DefaultKernelName = CSharpKernelName;
        return composite;
    }

    private static async Task OnPackagesResolvedAsync(CSharpKernel kernel, IReadOnlyList<ResolvedPackageReference> packages)
    {
        kernel.AddAssemblyReferences(packages.SelectMany(p => p.AssemblyPaths));
        foreach (var package in packages)
        {
            var extensions = Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet");
            if (!Directory.Exists(extensions))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(extensions, "*.dll"))
            {
                var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(file);
                foreach (var type in assembly.GetExportedTypes().Where(t => typeof(IKernelExtension).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }))
                {
                    var extension = (IKernelExtension)Activator.CreateInstance(type)!;
                    await extension.OnLoadAsync(kernel);
                }
            }
        }
    }

    private static async Task<IReadOnlyList<string>> SubmitAsync(Kernel kernel, InteractiveDocumentElement element, TimeSpan timeout)
    {
        KernelCommandResult result;
        try
        {
            result = await kernel.SendAsync(new SubmitCode(element.Contents, CSharpKernelName)).WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            var message = $"the cell did not finish within {timeout.TotalSeconds:F0} s";
            element.Outputs.Add(new ErrorElement("Timeout", message, []));
            return [message];
        }

        var errors = new List<string>();
        var displayed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in result.Events)
        {
            switch (e)
            {
                case ReturnValueProduced value:
                    var returned = new ReturnValueElement { ExecutionOrder = element.ExecutionOrder };
                    foreach (var (mime, data) in Mimes(value.FormattedValues))
                    {
                        returned.Data[mime] = data;
                    }

                    element.Outputs.Add(returned);
                    break;
                case DisplayedValueUpdated update when update.ValueId is { } id && displayed.TryGetValue(id, out var at):
                    element.Outputs[at] = new DisplayElement(Mimes(update.FormattedValues));
                    break;
                case DisplayEvent display and (DisplayedValueProduced or DisplayedValueUpdated):
                    if (display.ValueId is { } valueId)
                    {
                        displayed[valueId] = element.Outputs.Count;
                    }

                    element.Outputs.Add(new DisplayElement(Mimes(display.FormattedValues)));
                    break;
                case StandardOutputValueProduced stdout:
                    element.Outputs.Add(new TextElement(PlainText(stdout.FormattedValues), "stdout"));
                    break;
                case StandardErrorValueProduced stderr:
                    element.Outputs.Add(new TextElement(PlainText(stderr.FormattedValues), "stderr"));
                    break;
                case ErrorProduced error:
                    errors.Add(error.Message);
                    element.Outputs.Add(new ErrorElement("Error", error.Message, []));
                    break;
                case CommandFailed failed:
                    var text = failed.Exception is { } ex ? $"{ex.GetType().Name}: {failed.Message}" : failed.Message;
                    errors.Add(text);
                    element.Outputs.Add(new ErrorElement(failed.Exception?.GetType().Name ?? "Error", failed.Message,
                        failed.Exception?.StackTrace?.Split('\n') ?? []));
                    break;
            }
        }

        return errors;
    }

    private static Dictionary<string, object> Mimes(IReadOnlyCollection<FormattedValue> values) =>
        values.Where(v => !v.SuppressDisplay).GroupBy(v => v.MimeType).ToDictionary(g => g.Key, g => (object)g.First().Value);

    private static string PlainText(IReadOnlyCollection<FormattedValue> values) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? string.Concat(values.Select(v => v.Value));

    private static string FirstLine(string code) =>
        code.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";

    private static KernelInfoCollection CreateKernelInfos()
    {
        var infos = new KernelInfoCollection
        {
            new DocumentKernelInfo(CSharpKernelName, "C#", ["c#", "C#"]),
            new DocumentKernelInfo("fsharp", "F#", ["f#", "F#"]),
            new DocumentKernelInfo("pwsh", "PowerShell", ["powershell"]),
        };
        infos.DefaultKernelName = CSharpKernelName;
        return infos;
    }
}
