using System.Globalization;
using System.Numerics;
using System.Text;

namespace NetHelpfulness.Estimation;

/// <summary>
/// The right-hand side of a model in R's formula language: column names joined by <c>+</c> (add a term),
/// <c>:</c> (interaction) and <c>*</c> (<c>a*b</c> = <c>a + b + a:b</c>), with parentheses. The intercept is always in
/// the model.
/// </summary>
/// <remarks>
/// Terms are expanded and ordered as R's <c>terms.formula</c> does (Chambers and Hastie 1992, <i>Statistical Models in
/// S</i>, ch. 2): <c>a*b</c> gives a, b, a:b; repeated terms are dropped; the terms are then sorted by their number of
/// variables, otherwise keeping their order. The variables of a term are listed in the order in which they first appear in
/// the formula, so <c>tracking + relationship:tracking</c> has the term <c>tracking:relationship</c>, as R writes it.
/// <c>:</c> binds more tightly than <c>*</c>, which binds more tightly than <c>+</c>. Names are R names (letters, digits,
/// <c>.</c> and <c>_</c>, not starting with a digit) or any text in backquotes.
/// </remarks>
public sealed class ModelFormula
{
    private ModelFormula(string text, IReadOnlyList<string> variables, IReadOnlyList<IReadOnlyList<int>> terms)
    {
        Text = text;
        Variables = variables;
        Terms = terms;
        TermLabels = [.. terms.Select(t => string.Join(":", t.Select(v => variables[v])))];
    }

    /// <summary>The formula as given.</summary>
    public string Text { get; }

    /// <summary>The variables, in the order of their first appearance.</summary>
    public IReadOnlyList<string> Variables { get; }

    /// <summary>The terms in R's order, each as the indices of its variables into <see cref="Variables"/>, ascending.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Terms { get; }

    /// <summary>The terms' labels as R's <c>attr(terms(f), "term.labels")</c>: <c>relationship</c>, <c>relationship:tracking</c>.</summary>
    public IReadOnlyList<string> TermLabels { get; }

    /// <summary>Parses a formula's right-hand side, for example <c>relationship*tracking + country</c>.</summary>
    /// <exception cref="ModelException">The text is not a formula of names, <c>+</c>, <c>*</c>, <c>:</c> and parentheses.</exception>
    public static ModelFormula Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        var expanded = parser.Parse();
        var terms = expanded.Where(t => t != 0).OrderBy(BitOperations.PopCount).ToList(); // OrderBy is stable
        if (terms.Count == 0)
        {
            throw parser.Error("no term: name at least one column");
        }

        return new ModelFormula(text, parser.Variables, [.. terms.Select(t => (IReadOnlyList<int>)[.. Enumerable.Range(0, 64).Where(v => (t & (1UL << v)) != 0)])]);
    }

    /// <summary>A term label in the canonical order of this formula's variables (so <c>b:a</c> finds <c>a:b</c>), or null when the formula has no such term.</summary>
    public string? CanonicalLabel(string term)
    {
        ArgumentNullException.ThrowIfNull(term);
        var names = term.Split(':', StringSplitOptions.TrimEntries);
        var indices = names.Select(n => Variables.ToList().IndexOf(n)).ToList();
        if (indices.Any(i => i < 0))
        {
            return null;
        }

        var label = string.Join(":", indices.Distinct().Order().Select(i => Variables[i]));
        return TermLabels.Contains(label, StringComparer.Ordinal) ? label : null;
    }

    /// <inheritdoc />
    public override string ToString() => string.Join(" + ", TermLabels);

    private sealed class Parser(string text)
    {
        private int _position;

        public List<string> Variables { get; } = [];

        public List<ulong> Parse()
        {
            var terms = Sum();
            Skip();
            return _position < text.Length ? throw Unexpected() : terms;
        }

        public ModelException Error(string why) =>
            new($"the terms \"{text}\" are not a model formula: {why}; write column names joined by + (add), : (interaction) and * (a*b = a + b + a:b), with parentheses, as R's formulas do");

        // sum := product ('+' product)*
        private List<ulong> Sum()
        {
            var terms = Product();
            while (Accept('+'))
            {
                terms = Plus(terms, Product());
            }

            return terms;
        }

        // product := interaction ('*' interaction)*
        private List<ulong> Product()
        {
            var terms = Interaction();
            while (Accept('*'))
            {
                var right = Interaction();
                terms = Plus(Plus(terms, right), Interact(terms, right));
            }

            return terms;
        }

        // interaction := atom (':' atom)*
        private List<ulong> Interaction()
        {
            var terms = Atom();
            while (Accept(':'))
            {
                terms = Interact(terms, Atom());
            }

            return terms;
        }

        private List<ulong> Atom()
        {
            Skip();
            if (Accept('('))
            {
                var inner = Sum();
                return Accept(')') ? inner : throw Error(string.Create(CultureInfo.InvariantCulture, $"a ')' is missing at position {_position + 1}"));
            }

            var name = Name();
            var index = Variables.IndexOf(name);
            if (index < 0)
            {
                if (Variables.Count == 64)
                {
                    throw Error("more than 64 variables");
                }

                index = Variables.Count;
                Variables.Add(name);
            }

            return [1UL << index];
        }

        private string Name()
        {
            Skip();
            if (_position >= text.Length)
            {
                throw Error("it ends where a column name is expected");
            }

            var c = text[_position];
            if (c == '`')
            {
                var end = text.IndexOf('`', _position + 1);
                if (end <= _position + 1)
                {
                    throw Error(string.Create(CultureInfo.InvariantCulture, $"the backquoted name at position {_position + 1} is {(end < 0 ? "not closed" : "empty")}"));
                }

                var quoted = text[(_position + 1)..end];
                _position = end + 1;
                return quoted;
            }

            if (c is '-' or '^' or '/' or '|' or '%')
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"'{c}' at position {_position + 1} is not supported (only +, * and :)"));
            }

            if (char.IsAsciiDigit(c))
            {
                throw Error(string.Create(CultureInfo.InvariantCulture, $"'{c}' at position {_position + 1} starts a number; the intercept is always in the model, and names do not start with a digit"));
            }

            var start = _position;
            var name = new StringBuilder();
            while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '.'))
            {
                name.Append(text[_position++]);
            }

            return name.Length > 0 ? name.ToString() : throw Error(string.Create(CultureInfo.InvariantCulture, $"'{text[start]}' at position {start + 1} is not a column name"));
        }

        private bool Accept(char c)
        {
            Skip();
            if (_position < text.Length && text[_position] == c)
            {
                _position++;
                return true;
            }

            return false;
        }

        private void Skip()
        {
            while (_position < text.Length && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        private ModelException Unexpected() =>
            Error(string.Create(CultureInfo.InvariantCulture, $"unexpected '{text[_position]}' at position {_position + 1}"));

        // R's PlusTerms, InteractTerms (and so CrossTerms): concatenation or all pairwise unions, repeats dropped.
        private static List<ulong> Plus(List<ulong> left, List<ulong> right) => [.. left.Concat(right).Distinct()];

        private static List<ulong> Interact(List<ulong> left, List<ulong> right) => [.. left.SelectMany(l => right.Select(r => l | r)).Distinct()];
    }
}
