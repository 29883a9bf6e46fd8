using System.Reflection;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Figures;

/// <summary>
/// The figures assembly will be loaded behind a facade in its own load context (issue 6): no type from F#, Plotly.NET,
/// its dependencies or PuppeteerSharp may appear in its public API.
/// </summary>
public class PublicApiTests
{
    private static readonly string[] Forbidden = ["FSharp.Core", "Plotly.NET", "Plotly.NET.CSharp", "DynamicObj", "Giraffe.ViewEngine", "Newtonsoft.Json", "PuppeteerSharp"];

    [Fact]
    public void The_public_api_exposes_no_fsharp_plotly_or_browser_types()
    {
        var assembly = typeof(Figure).Assembly;
        var leaks = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            Check(type.BaseType, $"{type} base type");
            foreach (var i in type.GetInterfaces())
            {
                Check(i, $"{type} implements");
            }

            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                switch (member)
                {
                    case MethodBase method:
                        foreach (var p in method.GetParameters())
                        {
                            Check(p.ParameterType, $"{type}.{method.Name}({p.Name})");
                        }

                        if (method is MethodInfo m)
                        {
                            Check(m.ReturnType, $"{type}.{m.Name} returns");
                        }

                        break;
                    case PropertyInfo property:
                        Check(property.PropertyType, $"{type}.{property.Name}");
                        break;
                    case FieldInfo field:
                        Check(field.FieldType, $"{type}.{field.Name}");
                        break;
                }
            }
        }

        Assert.Empty(leaks);

        void Check(Type? t, string where)
        {
            if (t is null)
            {
                return;
            }

            if (Forbidden.Contains(t.Assembly.GetName().Name))
            {
                leaks.Add($"{where}: {t.FullName}");
            }

            foreach (var argument in t.IsGenericType ? t.GetGenericArguments() : [])
            {
                Check(argument, where);
            }

            if (t.HasElementType)
            {
                Check(t.GetElementType(), where);
            }
        }
    }

    [Fact]
    public void The_check_above_would_see_a_plotly_type()
    {
        // Guard against a test that cannot fail: the same walk finds Plotly.NET in an internal type's members.
        var spec = typeof(Figure).Assembly.GetType("NetHelpfulness.Figures.ChartSpec")!;
        Assert.Contains(spec.GetMethods(BindingFlags.Public | BindingFlags.Instance), m => m.ReturnType.Assembly.GetName().Name == "Plotly.NET");
    }
}
