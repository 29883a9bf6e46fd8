using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>
/// Checks of the committed notebooks' structure and policy (see notebooks/README.md). Each check returns the problems it
/// finds, one line each, so that a failing test names all of them.
/// </summary>
internal static partial class NotebookChecks
{
    public const string KernelspecName = ".net-csharp";
    public const string KernelName = "csharp";

    /// <summary>The repository's own packages, which the notebooks reference at the version of Directory.Build.props.</summary>
    public static readonly IReadOnlyList<string> OwnPackages = ["NetHelpfulness", "NetHelpfulness.Figures", "NetHelpfulness.Notebooks"];

    public static string NotebooksFolder => ReferenceFiles.Path("notebooks");

    public static IEnumerable<string> NotebookNames() =>
        Directory.EnumerateFiles(NotebooksFolder, "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!;

    public static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(NotebooksFolder, name)))?.AsObject()
        ?? throw new InvalidDataException(name + " is not a JSON object");

    /// <summary>
    /// The pinned versions in Directory.Packages.props, by package name (NuGet names ignore case), and the repository's own
    /// packages at the version Directory.Build.props sets.
    /// </summary>
    public static Dictionary<string, string> PinnedVersions()
    {
        var pinned = XDocument.Load(ReferenceFiles.Path("Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => (string)e.Attribute("Include")!, e => (string)e.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var version = XDocument.Load(ReferenceFiles.Path("Directory.Build.props")).Descendants("Version").Single().Value.Trim();
        foreach (var package in OwnPackages)
        {
            pinned[package] = version;
        }

        return pinned;
    }

    /// <summary>nbformat 4: the top-level keys, cell types, sources, ids (required from minor 5) and per-type keys.</summary>
    public static List<string> Format(JsonObject notebook)
    {
        var problems = new List<string>();
        if (Int(notebook["nbformat"]) != 4)
        {
            problems.Add("nbformat must be 4");
        }

        var minor = Int(notebook["nbformat_minor"]);
        if (minor is null or < 0)
        {
            problems.Add("nbformat_minor must be a non-negative integer");
        }

        if (notebook["metadata"] is not JsonObject)
        {
            problems.Add("metadata must be an object");
        }

        if (notebook["cells"] is not JsonArray cells)
        {
            problems.Add("cells must be an array");
            return problems;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < cells.Count; i++)
        {
            var at = $"cell {i + 1}";
            if (cells[i] is not JsonObject cell)
            {
                problems.Add($"{at}: not an object");
                continue;
            }

            var type = Text(cell["cell_type"]);
            if (type is not ("code" or "markdown" or "raw"))
            {
                problems.Add($"{at}: cell_type '{type}' is not code, markdown or raw");
            }

            if (!IsSource(cell["source"]))
            {
                problems.Add($"{at}: source must be a string or an array of strings");
            }

            if (cell["metadata"] is not JsonObject)
            {
                problems.Add($"{at}: metadata must be an object");
            }

            if (minor >= 5)
            {
                var id = Text(cell["id"]);
                if (id is null || !CellId().IsMatch(id))
                {
                    problems.Add($"{at}: nbformat 4.5 needs an id of 1-64 letters, digits, '-' or '_'");
                }
                else if (!ids.Add(id))
                {
                    problems.Add($"{at}: id '{id}' is used twice");
                }
            }

            if (type == "code")
            {
                if (cell["outputs"] is not JsonArray)
                {
                    problems.Add($"{at}: a code cell needs an outputs array");
                }

                if (!cell.ContainsKey("execution_count") || cell["execution_count"] is { } count && Int(count) is null)
                {
                    problems.Add($"{at}: a code cell needs execution_count (null or an integer)");
                }
            }
            else if (cell.ContainsKey("outputs") || cell.ContainsKey("execution_count"))
            {
                problems.Add($"{at}: only code cells have outputs and execution_count");
            }
        }

        return problems;
    }

    /// <summary>The Polyglot metadata: the C# kernelspec, the default kernel, and each code cell's kernel.</summary>
    public static List<string> Kernel(JsonObject notebook)
    {
        var problems = new List<string>();
        var kernelspec = notebook["metadata"]?["kernelspec"];
        if (Text(kernelspec?["name"]) != KernelspecName || Text(kernelspec?["language"]) != "C#")
        {
            problems.Add($"metadata.kernelspec must name '{KernelspecName}' with language 'C#'");
        }

        if (Text(notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]) != KernelName)
        {
            problems.Add($"metadata.polyglot_notebook.kernelInfo.defaultKernelName must be '{KernelName}'");
        }

        foreach (var (cell, position) in CodeCells(notebook))
        {
            if (Text(cell["metadata"]?["dotnet_interactive"]?["language"]) != KernelName
                || Text(cell["metadata"]?["polyglot_notebook"]?["kernelName"]) != KernelName)
            {
                problems.Add($"cell {position}: metadata must say dotnet_interactive.language and polyglot_notebook.kernelName '{KernelName}'");
            }
        }

        return problems;
    }

    /// <summary>The outputs policy: committed notebooks carry no outputs and no execution counts.</summary>
    public static List<string> NoOutputs(JsonObject notebook)
    {
        var problems = new List<string>();
        foreach (var (cell, position) in CodeCells(notebook))
        {
            if (cell["outputs"] is JsonArray { Count: > 0 } outputs)
            {
                problems.Add($"cell {position}: {outputs.Count} output(s); commit notebooks without outputs (clear all outputs before saving)");
            }

            if (cell["execution_count"] is not null)
            {
                problems.Add($"cell {position}: execution_count must be null in a committed notebook");
            }
        }

        return problems;
    }

    /// <summary>The opening markdown cell: a title, the question, the data's provenance (synthetic) and what it shows.</summary>
    public static List<string> Opening(JsonObject notebook)
    {
        var first = (notebook["cells"] as JsonArray)?.FirstOrDefault() as JsonObject;
        if (first is null || Text(first["cell_type"]) != "markdown")
        {
            return ["the first cell must be markdown: the question, the data and their provenance, what the notebook shows"];
        }

        var text = Source(first);
        var problems = new List<string>();
        if (!text.StartsWith("# ", StringComparison.Ordinal))
        {
            problems.Add("the first cell must start with a '# ' title");
        }

        foreach (var required in new[] { "**Question.**", "**Data and provenance.**", "synthetic", "**What it shows.**" })
        {
            if (!text.Contains(required, StringComparison.Ordinal))
            {
                problems.Add($"the first cell must contain '{required}'");
            }
        }

        return problems;
    }

    /// <summary>Every <c>#r "nuget: Name, Version"</c> names a package pinned in Directory.Packages.props, at exactly that version.</summary>
    public static List<string> PackagePins(JsonObject notebook, IReadOnlyDictionary<string, string> pinned)
    {
        var problems = new List<string>();
        foreach (var (reference, position) in References(notebook).Where(r => r.Reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase)))
        {
            var parts = reference["nuget:".Length..].Split(',', StringSplitOptions.TrimEntries);
            var name = parts[0];
            var version = parts.Length > 1 ? parts[1] : "";
            if (!pinned.TryGetValue(name, out var pin))
            {
                problems.Add($"cell {position}: #r \"{reference}\": {name} is not pinned in Directory.Packages.props (nor one of this repository's packages)");
            }
            else if (parts.Length != 2 || version != pin)
            {
                problems.Add($"cell {position}: #r \"{reference}\": must be \"nuget: {name}, {pin}\" as in Directory.Packages.props (Directory.Build.props for this repository's packages)");
            }
        }

        return problems;
    }

    /// <summary>
    /// The notebooks reference packages only, as a user outside the repository would (<c>#r "nuget: NetHelpfulness, …"</c>),
    /// never an assembly by path; and never the figures library or Plotly.NET, which the official kernel cannot load
    /// (FSharp.Core 10.1): figures go through NetHelpfulness.Notebooks. Every notebook references NetHelpfulness.
    /// </summary>
    public static List<string> LocalReferences(JsonObject notebook) =>
        [.. References(notebook)
            .Where(r => !r.Reference.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            .Select(r => $"cell {r.Position}: #r \"{r.Reference}\": reference the packages (#r \"nuget: NetHelpfulness, <version>\"), not an assembly by path"),
         .. References(notebook)
            .Where(r => r.Reference.Contains("NetHelpfulness.Figures", StringComparison.Ordinal) || r.Reference.Contains("nuget: Plotly.NET", StringComparison.OrdinalIgnoreCase))
            .Select(r => $"cell {r.Position}: #r \"{r.Reference}\": the official kernel cannot load Plotly.NET (it needs FSharp.Core 10.1); draw figures with NetHelpfulness.Notebooks"),
         .. References(notebook).Any(r => r.Reference.StartsWith("nuget: NetHelpfulness,", StringComparison.Ordinal))
            ? Array.Empty<string>() : ["no cell references the library: #r \"nuget: NetHelpfulness, <version>\""]];

    /// <summary>The first code cell, which adds the local feed: the same in every notebook, so that a fix reaches them all.</summary>
    public static string FeedSetupCell(JsonObject notebook) =>
        CodeCells(notebook).Select(c => Source(c.Cell)).FirstOrDefault() ?? "";

    /// <summary>A notebook that draws figures embeds plotly.js exactly once, with <c>NotebookFigures.PlotlyScript()</c>.</summary>
    public static List<string> PlotlyScriptOnce(JsonObject notebook)
    {
        var code = CodeCells(notebook).Select(c => Source(c.Cell)).ToList();
        var scripts = code.Sum(source => Occurrences(source, "NotebookFigures.PlotlyScript()"));
        var draws = code.Any(source => Occurrences(source, "NotebookFigures.") > Occurrences(source, "NotebookFigures.PlotlyScript()") + Occurrences(source, "NotebookFigures.Runtime"));
        return draws && scripts != 1
            ? [$"the notebook draws figures and calls NotebookFigures.PlotlyScript() {scripts} times; call it once (in the second setup cell) so that plotly.js is embedded once"]
            : !draws && scripts > 0 ? ["the notebook embeds plotly.js (NotebookFigures.PlotlyScript()) but draws no figure"] : [];
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>The <c>#r "…"</c> directives of the code cells, with the cell's 1-based position.</summary>
    public static IEnumerable<(string Reference, int Position)> References(JsonObject notebook) =>
        from c in CodeCells(notebook)
        from line in Source(c.Cell).Split('\n')
        let match = ReferenceDirective().Match(line)
        where match.Success
        select (match.Groups["reference"].Value.Trim(), c.Position);

    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray parts => string.Concat(parts.Select(p => Text(p) ?? "")),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => "",
    };

    private static IEnumerable<(JsonObject Cell, int Position)> CodeCells(JsonObject notebook) =>
        (notebook["cells"] as JsonArray ?? [])
            .Select((cell, i) => (Cell: cell as JsonObject, Position: i + 1))
            .Where(c => c.Cell is not null && Text(c.Cell["cell_type"]) == "code")
            .Select(c => (c.Cell!, c.Position));

    private static bool IsSource(JsonNode? source) => source switch
    {
        JsonValue value => value.GetValueKind() == JsonValueKind.String,
        JsonArray parts => parts.All(p => p is JsonValue v && v.GetValueKind() == JsonValueKind.String),
        _ => false,
    };

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static int? Int(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var n) ? n : null;

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex CellId();

    [GeneratedRegex(@"^\s*#r\s+""(?<reference>[^""]*)""")]
    private static partial Regex ReferenceDirective();
}
