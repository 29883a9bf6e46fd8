using System.Reflection;
using System.Runtime.Loader;

namespace NetHelpfulness.Notebooks;

/// <summary>
/// The private, non-collectible load context of the figures runtime: NetHelpfulness.Figures, Plotly.NET, its FSharp.Core
/// 10.1 and the browser driver, each from <c>figures-runtime/</c> as its deps.json says. The assemblies whose types cross
/// the boundary (the core library and this facade) are handed back from the context the facade itself was loaded into,
/// so that a <c>SurveyResponses</c> or <c>ScenarioScore</c> made by a notebook is the same type on both sides.
/// </summary>
/// <remarks>
/// The official kernel loads <c>#r</c> assemblies into a context of its own per folder, not the default context, hence
/// <see cref="AssemblyLoadContext.GetLoadContext"/> of the facade rather than <see cref="AssemblyLoadContext.Default"/>.
/// Whatever the runtime folder does not provide (the framework) falls through to the default context.
/// </remarks>
internal sealed class FiguresLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;
    private readonly Dictionary<string, Assembly> _shared;

    public FiguresLoadContext(string figuresAssemblyPath, AssemblyLoadContext host, IEnumerable<Assembly> shared)
        : base("NetHelpfulness.Figures runtime", isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(figuresAssemblyPath);
        Host = host;
        _shared = shared.ToDictionary(a => a.GetName().Name!, StringComparer.Ordinal);
    }

    /// <summary>The context the facade was loaded into, which owns the shared assemblies.</summary>
    public AssemblyLoadContext Host { get; }

    /// <summary>Simple names of the assemblies handed back from <see cref="Host"/>.</summary>
    public IReadOnlyCollection<string> SharedNames => _shared.Keys;

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name is { } name && _shared.TryGetValue(name, out var shared))
        {
            // The instance the facade is bound to, which the host context loaded; asking the host by name gives the same.
            return Host.Assemblies.FirstOrDefault(a => a.GetName().Name == name) ?? shared;
        }

        return _resolver.ResolveAssemblyToPath(assemblyName) is { } path ? LoadFromAssemblyPath(path) : null;
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName) =>
        _resolver.ResolveUnmanagedDllToPath(unmanagedDllName) is { } path ? LoadUnmanagedDllFromPath(path) : IntPtr.Zero;
}
