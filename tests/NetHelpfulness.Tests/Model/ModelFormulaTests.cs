using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Model;

/// <summary>Term expansion, order and labels as R's terms.formula gives them (R 4.2: attr(terms(~ ...), "term.labels")).</summary>
public class ModelFormulaTests
{
    [Theory]
    [InlineData("relationship*tracking+country", "relationship|tracking|country|relationship:tracking")]
    [InlineData("relationship * tracking + country", "relationship|tracking|country|relationship:tracking")]
    [InlineData("tracking + relationship:tracking", "tracking|tracking:relationship")]
    [InlineData("a*b*c", "a|b|c|a:b|a:c|b:c|a:b:c")]
    [InlineData("a*(b+c)", "a|b|c|a:b|a:c")]
    [InlineData("(a+b):c", "a:c|b:c")]
    [InlineData("a:b + a + b:a", "a|a:b")]
    [InlineData("a + b*c:d", "a|b|c:d|b:c:d")]
    [InlineData("`age band` + x.1", "age band|x.1")]
    public void Terms_expand_and_order_as_R_writes_them(string formula, string labels)
    {
        Assert.Equal(labels.Split('|'), ModelFormula.Parse(formula).TermLabels);
    }

    [Fact]
    public void A_term_is_found_whatever_the_order_of_its_variables()
    {
        var formula = ModelFormula.Parse("relationship*tracking");
        Assert.Equal("relationship:tracking", formula.CanonicalLabel("tracking:relationship"));
        Assert.Null(formula.CanonicalLabel("country"));
    }

    [Theory]
    [InlineData("", "it ends where a column name is expected")]
    [InlineData("a +", "it ends where a column name is expected")]
    [InlineData("a - b", "unexpected '-'")]
    [InlineData("a + 1", "the intercept is always in the model")]
    [InlineData("(a + b", "a ')' is missing")]
    [InlineData("a^2", "unexpected '^'")]
    [InlineData("a b", "unexpected 'b'")]
    [InlineData("`a", "not closed")]
    public void A_text_that_is_not_a_formula_is_refused_with_the_reason(string formula, string reason)
    {
        var e = Assert.Throws<ModelException>(() => ModelFormula.Parse(formula));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains("R's formulas", e.Message, StringComparison.Ordinal);
    }
}
