using System.Collections;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using NetHelpfulness.Data;

namespace NetHelpfulness.Notebooks;

/// <summary>What the figures runtime is and where it was loaded, for a notebook's setup output and for bug reports.</summary>
/// <param name="Folder">The private runtime folder read by the load context.</param>
/// <param name="LoadContext">Name of the private load context.</param>
/// <param name="HostLoadContext">Name of the context the facade (and the core library shared with the figures) was loaded into.</param>
/// <param name="FSharpCore">FSharp.Core in the private context: assembly version and file version.</param>
/// <param name="PlotlyNet">Plotly.NET version in the private context.</param>
/// <param name="PlotlyJs">The plotly.js version embedded in the notebook (once) and drawn offline.</param>
public sealed record FiguresRuntimeInfo(string Folder, string LoadContext, string HostLoadContext, string FSharpCore, string PlotlyNet, string PlotlyJs);

/// <summary>
/// The narrow seam into NetHelpfulness.Figures: the private load context and the few public members of the figures library
/// the facade calls, bound by reflection once. Only core-library objects, strings, numbers and the figures' own records
/// (created here, never handed out) cross it; nothing from F# or Plotly.NET reaches a caller.
/// </summary>
internal sealed class FiguresRuntime
{
    /// <summary>The folder next to the facade's DLL that holds the runtime (the project file lays it out).</summary>
    public const string FolderName = "figures-runtime";

    /// <summary>Names another runtime folder, for hosts that load the facade from memory (no file location).</summary>
    public const string FolderVariable = "NETHELP_FIGURES_RUNTIME";

    private const string FiguresAssembly = "NetHelpfulness.Figures";
    private const string Namespace = "NetHelpfulness.Figures.";

    private static readonly Lazy<FiguresRuntime> Loaded = new(() => Load(DefaultFolder()), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Lazy<string> _plotlyScript;

    private FiguresRuntime(string folder, FiguresLoadContext context, Assembly figures)
    {
        Folder = folder;
        Context = context;
        Figures = figures;
        StudyFigures = TypeOf("StudyFigures");
        SpectrumRows = TypeOf("SpectrumRows");
        SpectrumOptions = TypeOf("SpectrumOptions");
        Figure = TypeOf("Figure");
        RatioRow = TypeOf("RatioRow");
        EffectRow = TypeOf("EffectRow");
        CountryScenarioCell = TypeOf("CountryScenarioCell");
        CoveragePoint = TypeOf("CoveragePoint");
        ModelFigures = TypeOf("ModelFigures");
        Exporter = TypeOf("FigureImageExporter");
        _plotlyScript = new Lazy<string>(ExtractPlotlyScript);
    }

    /// <summary>The runtime of this process, loaded on first use from the folder next to the facade.</summary>
    public static FiguresRuntime Current => Loaded.Value;

    public string Folder { get; }

    public FiguresLoadContext Context { get; }

    public Assembly Figures { get; }

    public Type StudyFigures { get; }

    public Type SpectrumRows { get; }

    public Type SpectrumOptions { get; }

    public Type Figure { get; }

    public Type RatioRow { get; }

    public Type EffectRow { get; }

    public Type CountryScenarioCell { get; }

    public Type CoveragePoint { get; }

    public Type ModelFigures { get; }

    public Type Exporter { get; }

    /// <summary>plotly.js as inline script tags with AMD <c>define</c> hidden around it, as the figures library embeds it.</summary>
    public string PlotlyScript => _plotlyScript.Value;

    public string PlotlyJsVersion => (string)Get(Figure, "PlotlyJsVersion", null)!;

    /// <summary>
    /// The one <see cref="FolderVariable"/> names; else the folder next to this assembly (a build's output, or a project
    /// that references the package: its build targets copy the folder there); else the package's own copy at the package
    /// root, two levels above <c>lib/net10.0/</c> (a notebook kernel loads the DLL from the NuGet cache).
    /// </summary>
    public static string DefaultFolder()
    {
        if (Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } chosen)
        {
            return Path.GetFullPath(chosen);
        }

        var location = typeof(FiguresRuntime).Assembly.Location;
        if (location.Length == 0)
        {
            throw new InvalidOperationException(
                $"NetHelpfulness.Notebooks was loaded without a file location, so its {FolderName} folder cannot be found; set {FolderVariable} to that folder.");
        }

        return FolderFor(location);
    }

    /// <summary>The runtime folder for the facade's DLL at <paramref name="assemblyLocation"/>: beside it, else at the package root.</summary>
    internal static string FolderFor(string assemblyLocation)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(assemblyLocation))!;
        var beside = Path.Combine(folder, FolderName);
        var packageRoot = Path.GetFullPath(Path.Combine(folder, "..", "..", FolderName));
        return !Directory.Exists(beside) && Directory.Exists(packageRoot) ? packageRoot : beside;
    }

    /// <summary>Creates the private context over <paramref name="folder"/> and loads the figures library into it.</summary>
    public static FiguresRuntime Load(string folder)
    {
        var main = Path.Combine(folder, FiguresAssembly + ".dll");
        if (!File.Exists(main) || !File.Exists(Path.Combine(folder, FiguresAssembly + ".deps.json")))
        {
            throw new InvalidOperationException(
                $"The figures runtime is missing: no {FiguresAssembly}.dll and .deps.json in {folder}. It comes with the NetHelpfulness.Notebooks package (figures-runtime/ at the package root) and with a build of lib/NetHelpfulness.Notebooks, which publishes NetHelpfulness.Figures with Plotly.NET and FSharp.Core there; reinstall or rebuild, then restart the kernel.");
        }

        var facade = typeof(FiguresRuntime).Assembly;
        var host = AssemblyLoadContext.GetLoadContext(facade) ?? AssemblyLoadContext.Default;
        var context = new FiguresLoadContext(main, host, [facade, typeof(SurveyResponses).Assembly]);
        return new FiguresRuntime(folder, context, context.LoadFromAssemblyPath(main));
    }

    public FiguresRuntimeInfo Describe()
    {
        var fsharp = Context.LoadFromAssemblyName(new AssemblyName("FSharp.Core"));
        var plotly = Context.LoadFromAssemblyName(new AssemblyName("Plotly.NET"));
        return new FiguresRuntimeInfo(Folder, NameOf(Context), NameOf(Context.Host), $"{fsharp.GetName().Version} ({FileVersion(fsharp)})",
            FileVersion(plotly), PlotlyJsVersion);

        // The kernel's contexts for #r assemblies have no name; their type says what they are.
        static string NameOf(AssemblyLoadContext context) => string.IsNullOrEmpty(context.Name) ? context.GetType().FullName ?? "unnamed" : context.Name;
    }

    /// <summary>Calls a public static method of a figures type; an exception it throws surfaces as itself.</summary>
    public static object? Call(Type type, string method, params object?[] arguments) =>
        Invoke(Method(type, method, BindingFlags.Static), null, arguments);

    /// <summary>Calls a public instance method of a figures object.</summary>
    public static object? CallOn(object target, string method, params object?[] arguments) =>
        Invoke(Method(target.GetType(), method, BindingFlags.Instance), target, arguments);

    /// <summary>Reads a public property (static when <paramref name="target"/> is null).</summary>
    public static object? Get(Type type, string property, object? target) =>
        (type.GetProperty(property, BindingFlags.Public | (target is null ? BindingFlags.Static : BindingFlags.Instance))
            ?? throw Missing(type, property)).GetValue(target);

    /// <summary>Creates a figures record; trailing constructor arguments not given take their declared defaults.</summary>
    public static object New(Type type, params object?[] arguments)
    {
        var constructor = type.GetConstructors().Where(c => c.GetParameters().Length >= arguments.Length)
            .OrderBy(c => c.GetParameters().Length).FirstOrDefault() ?? throw Missing(type, $"constructor with {arguments.Length} parameters");
        return Invoke(constructor, null, arguments)!;
    }

    /// <summary>A <c>List&lt;T&gt;</c> of a figures record type, which the figures' <c>IReadOnlyList&lt;T&gt;</c> parameters accept.</summary>
    public static IList ListOf(Type element, IEnumerable<object> items)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }

    /// <summary>The value of a public constant of a figures type.</summary>
    public static string Constant(Type type, string name) =>
        (string)(type.GetField(name, BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() ?? throw Missing(type, name));

    /// <summary>The figure's plain properties, read across the boundary.</summary>
    public static FigureData Read(object figure)
    {
        var type = figure.GetType();
        return new FigureData(figure, (string)Get(type, "Name", figure)!, (string)Get(type, "Title", figure)!, (string)Get(type, "SpecJson", figure)!,
            (int)Get(type, "Width", figure)!, (int)Get(type, "Height", figure)!);
    }

    private Type TypeOf(string name) =>
        Figures.GetType(Namespace + name) ?? throw new InvalidOperationException($"{Figures.Location}: no type {Namespace}{name}; rebuild lib/NetHelpfulness.Notebooks");

    private static MethodInfo Method(Type type, string name, BindingFlags kind) =>
        type.GetMethod(name, BindingFlags.Public | kind) ?? throw Missing(type, name);

    private static object? Invoke(MethodBase method, object? target, object?[] arguments)
    {
        var parameters = method.GetParameters();
        var all = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            all[i] = i < arguments.Length ? arguments[i]
                : parameters[i].HasDefaultValue ? parameters[i].DefaultValue
                : throw new InvalidOperationException($"{method.DeclaringType}.{method.Name}: no value for parameter '{parameters[i].Name}'");
        }

        try
        {
            return method is ConstructorInfo constructor ? constructor.Invoke(all) : method.Invoke(target, all);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    private static InvalidOperationException Missing(Type type, string member) =>
        new($"{type.FullName} in {type.Assembly.Location} has no public {member}; the figures runtime does not match this facade: rebuild lib/NetHelpfulness.Notebooks");

    private static string FileVersion(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? assembly.GetName().Version?.ToString() ?? "unknown";

    // Figure.ToHtmlFragment(true) is plotly.js followed by exactly what ToHtmlFragment(false) gives; the difference is the script.
    private string ExtractPlotlyScript()
    {
        var probe = New(Figure, "plotly-js", "plotly.js", """{"data":[],"layout":{}}""", 1, 1);
        var with = (string)CallOn(probe, "ToHtmlFragment", true)!;
        var without = (string)CallOn(probe, "ToHtmlFragment", false)!;
        if (!with.EndsWith(without, StringComparison.Ordinal) || with.Length == without.Length)
        {
            throw new InvalidOperationException("Figure.ToHtmlFragment no longer puts plotly.js before the chart markup; update FiguresRuntime.ExtractPlotlyScript");
        }

        return with[..^without.Length];
    }
}

/// <summary>A figure of the figures library (kept opaque) with its plain properties.</summary>
internal sealed record FigureData(object Figure, string Name, string Title, string SpecJson, int Width, int Height);
