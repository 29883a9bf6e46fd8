using System.Globalization;
using System.Text;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Cli.Commands;

/// <summary>
/// <c>nethelp model</c>: a design-based regression on the stacked ratings (one row per respondent × answered scenario,
/// the catalogue's columns joined), as R's <c>svyglm</c>: coefficients, Wald tests of terms, predicted net scores (or
/// shares) of the relationship × tracking cells and contrasts between them.
/// </summary>
internal sealed class ModelCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "model";

    public string Summary => "design-based regression on the stacked ratings (as R svyglm): coefficients, term tests, predicted net scores by cell";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        new("scenarios", "scenario catalogue whose columns (relationship, tracking, any other) are joined to each rating by scenario = id", ValueName: "FILE"),
        new("outcome", "net (default; −1/0/+1, linear: coefficients in net points), helpful or creepy (0/1, logistic: log odds ratios)", ValueName: "OUTCOME"),
        new("family", "linear or logit (default: linear for net, logit for helpful and creepy)", ValueName: "FAMILY"),
        new("terms", "the model's terms as in R formulas: a + b, a:b, a*b (= a + b + a:b), parentheses; e.g. \"relationship*tracking + country\"", ValueName: "TERMS"),
        new("reference", "reference levels, e.g. relationship=none,country=DE (default: the level 'none' where there is one, else the first by name)", ValueName: "VAR=LEVEL,..."),
        new("factor", "columns whose values are all numbers to treat as factors (all-number columns are numeric covariates otherwise)", ValueName: "COL,..."),
        new("margins", "factors of the model whose cells get predicted values and contrasts (default: relationship,tracking when in the model; 'none' for none)", ValueName: "VAR,..."),
        new("aliased", "refuse (default) a singular design matrix, or drop the aliased columns as R's glm does", ValueName: "RULE"),
        new("test", "the term tests shown in the table: f (default; regTermTest's F with the residual df) or chisq (df = Inf)", ValueName: "FORM"),
        new("level", "confidence level (default 0.95)", ValueName: "P"),
        new("format", "table (default), csv or json", ValueName: "FORMAT"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var terms = options.Require("terms");
        var outcome = options.Choice("outcome", "net", "net", "helpful", "creepy") switch
        {
            "helpful" => ModelOutcome.Helpful,
            "creepy" => ModelOutcome.Creepy,
            _ => ModelOutcome.Net,
        };
        ModelFamily? family = options.Get("family") is null ? null : options.Choice("family", "linear", "linear", "logit") == "logit" ? ModelFamily.Logit : ModelFamily.Linear;
        var aliased = options.Choice("aliased", "refuse", "refuse", "drop") == "drop" ? AliasedColumns.Drop : AliasedColumns.Refuse;
        var testForm = options.Choice("test", "f", "f", "chisq");
        var format = options.Choice("format", "table", "table", "csv", "json");
        var specification = new ModelSpecification
        {
            Terms = terms,
            Outcome = outcome,
            Family = family,
            References = ParseReferences(options.Get("reference")),
            Factors = List(options.Get("factor")),
            Aliased = aliased,
            Level = options.Double("level", 0.95, 0, 1),
        };
        var formula = ModelFormula.Parse(terms);
        var cataloguePath = options.Get("scenarios");
        var catalogue = cataloguePath is null ? null : ScenarioAttributes.Read(cataloguePath);
        var survey = SurveyInput.Load(options, stderr, keepColumns: [.. formula.Variables.Where(v => catalogue is null || !catalogue.HasColumn(v))]);
        var design = survey.Design(SurveyInput.Spec(options));
        var fit = SurveyModel.Fit(survey, catalogue, design, specification);
        var marginsOption = options.Get("margins");
        var margins = marginsOption == "none" ? null : fit.Margins(marginsOption is null ? null : List(marginsOption).ToList());
        if (margins is { Variables.Count: 0 })
        {
            margins = null;
        }

        var report = new ModelReport(options.Require("input"), cataloguePath, survey, SurveyInput.Spec(options), fit, margins, testForm);
        return format switch
        {
            "json" => report.ToJson(),
            "csv" => report.ToCsv(),
            _ => report.ToTable(),
        };
    }

    internal static IReadOnlyDictionary<string, string> ParseReferences(string? text)
    {
        var references = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in List(text))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == part.Length - 1)
            {
                throw new UsageException($"--reference takes VARIABLE=LEVEL pairs separated by commas, e.g. relationship=none,country=DE; got '{part}'");
            }

            if (!references.TryAdd(part[..equals].Trim(), part[(equals + 1)..].Trim()))
            {
                throw new UsageException($"--reference names '{part[..equals].Trim()}' twice");
            }
        }

        return references;
    }

    private static string[] List(string? text) => text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    private sealed class ModelReport(string input, string? catalogue, SurveyResponses survey, DesignSpec spec, SurveyModelFit fit, PredictiveMargins? margins, string testForm)
    {
        private readonly bool _logit = fit.Family == ModelFamily.Logit;

        public string ToJson()
        {
            var s = fit.Specification;
            return JsonOutput.Write(new ModelJson(
                input, catalogue, ModelSpecification.NameOf(s.Outcome), ModelSpecification.NameOf(fit.Family), fit.Formula.ToString(), spec.Describe(),
                survey.RespondentCount, fit.RespondentCount, fit.RowCount, fit.PsuCount, fit.StratumCount, fit.DesignDegreesOfFreedom, fit.ResidualDegreesOfFreedom,
                s.Level, fit.Iterations,
                [.. fit.Variables.Select(v => new ModelVariableJson(v.Name, v.Source == ModelVariableSource.Respondent ? "respondent" : "scenario",
                    v.IsFactor ? "factor" : "numeric", v.IsFactor ? v.Levels : null, v.Reference))],
                [.. fit.Coefficients.Select(c => new ModelCoefficientJson(c.Name, c.Term, c.IsAliased, c.Value, c.StandardError, c.Interval?.Lower, c.Interval?.Upper,
                    c.TStatistic, c.PValue,
                    _logit ? Exp(c.Value) : null, _logit ? Exp(c.Interval?.Lower) : null, _logit ? Exp(c.Interval?.Upper) : null))],
                [.. fit.Tests().Select(t => new ModelTestJson(t.Term, t.Columns, t.Df, t.DenominatorDf, t.F, t.PF, t.ChiSquare, t.PChiSquare))], fit.UntestedTerms,
                margins?.Scale, margins?.Variables ?? [],
                [.. (margins?.Cells ?? []).Select(c => new ModelPredictedJson(
                    margins!.Variables.Select((v, k) => (v, c.Levels[k])).ToDictionary(p => p.v, p => p.Item2, StringComparer.Ordinal),
                    c.Rows, c.Estimate?.Estimate, c.Estimate?.StandardError, c.Interval?.Lower, c.Interval?.Upper, c.NotEstimable))],
                [.. (margins?.Contrasts ?? []).Select(c => new ModelContrastJson(c.Name, c.Variable, c.Level, c.Reference, c.Within, c.WithinLevels,
                    c.Estimate.Estimate, c.Estimate.StandardError, c.Interval.Lower, c.Interval.Upper, c.PValue))]));
        }

        public string ToCsv()
        {
            var text = new StringBuilder("section,name,estimate,se,ci_low,ci_high,statistic,df,ddf,p\n");
            void Row(params string[] fields) => text.Append(string.Join(',', fields.Select(Csv.Quote))).Append('\n');
            var df = fit.ResidualDegreesOfFreedom.ToString(Inv);
            foreach (var c in fit.Coefficients)
            {
                Row("coefficient", c.Name, Number(c.Value), Number(c.StandardError), Number(c.Interval?.Lower), Number(c.Interval?.Upper), Number(c.TStatistic), df, "", Number(c.PValue));
            }

            foreach (var t in fit.Tests())
            {
                var chi = testForm == "chisq";
                Row(chi ? "test_chisq" : "test_f", t.Term, "", "", "", "", Number(chi ? t.ChiSquare : t.F), t.Df.ToString(Inv), chi ? "" : t.DenominatorDf.ToString(Inv), Number(chi ? t.PChiSquare : t.PF));
            }

            foreach (var c in margins?.Cells ?? [])
            {
                Row("predicted", CellName(c), Number(c.Estimate?.Estimate), Number(c.Estimate?.StandardError), Number(c.Interval?.Lower), Number(c.Interval?.Upper), "", df, "", "");
            }

            foreach (var c in margins?.Contrasts ?? [])
            {
                var se = c.Estimate.StandardError;
                Row("contrast", c.Name, Number(c.Estimate.Estimate), Number(se), Number(c.Interval.Lower), Number(c.Interval.Upper),
                    se > 0 ? Number(c.Estimate.Estimate / se) : "", df, "", Number(c.PValue));
            }

            return text.ToString();
        }

        public string ToTable()
        {
            var s = fit.Specification;
            var level = Format.Level(s.Level);
            var text = new StringBuilder();
            var outcome = s.Outcome switch
            {
                ModelOutcome.Net => "the net score (helpful +1, neutral 0, creepy −1)",
                var o => $"'{ModelSpecification.NameOf(o)}' (1 or 0)",
            };
            var scale = _logit ? "logistic: coefficients are log odds ratios, OR = exp(coefficient)"
                : s.Outcome == ModelOutcome.Net ? "linear: coefficients are differences in net points" : "linear: coefficients are differences in percentage points";
            text.Append(Inv, $"Design-based model of {outcome} on the stacked ratings ({scale})\n");
            text.Append(Inv, $"input: {input} ({survey.RespondentCount:N0} respondents, {fit.RespondentCount:N0} with ratings; {fit.RowCount:N0} ratings){(catalogue is null ? "" : $"; scenarios: {catalogue}")}\n");
            text.Append(Inv, $"design: {spec.Describe()}; variance: linearised (sandwich), the PSU that holds a respondent's ratings is the cluster, as R svyglm\n");
            text.Append(Inv, $"degrees of freedom: {fit.PsuCount:N0} PSUs − {fit.StratumCount:N0} strata = {fit.DesignDegreesOfFreedom:N0} (design); {fit.DesignDegreesOfFreedom:N0} + 1 − {fit.Estimates.Count} coefficients = {fit.ResidualDegreesOfFreedom:N0} (residual: t intervals, p-values, F tests)\n");
            text.Append("variables: ").Append(string.Join("; ", fit.Variables.Select(v =>
                $"{v.Name} ({(v.Source == ModelVariableSource.Respondent ? "respondent" : "scenario")} {(v.IsFactor ? $"factor, reference {v.Reference}" : "numeric")})"))).Append('\n');
            text.Append("terms: ").Append(fit.Formula).Append(_logit ? string.Create(Inv, $"; {fit.Iterations} IRLS iterations") : "").Append("\n\n");

            var header = _logit
                ? new[] { "term", "log OR", "SE", $"{level} CI", "OR", $"{level} CI (OR)", "t", "p" }
                : ["term", "estimate", "SE", $"{level} CI", "t", "p"];
            var rows = new List<string[]> { header };
            foreach (var c in fit.Coefficients)
            {
                if (c.IsAliased)
                {
                    rows.Add([c.Name, .. header.Skip(1).Select((_, i) => i == 0 ? "aliased (dropped, R: NA)" : "")]);
                    continue;
                }

                var estimate = Coefficient(c.Value!.Value);
                var ci = $"[{Coefficient(c.Interval!.Lower)}, {Coefficient(c.Interval.Upper)}]";
                var t = c.TStatistic is { } tv ? Format.Signed(tv, 2) : "n/a";
                var p = c.PValue is { } pv ? Format.PValue(pv) : "n/a";
                rows.Add(_logit
                    ? [c.Name, estimate, Format.Decimal(c.StandardError!.Value, 3), ci, Format.Decimal(Math.Exp(c.Value.Value), 3),
                        $"[{Format.Decimal(Math.Exp(c.Interval.Lower), 3)}, {Format.Decimal(Math.Exp(c.Interval.Upper), 3)}]", t, p]
                    : [c.Name, estimate, Format.PointsUnsigned(c.StandardError!.Value), ci, t, p]);
            }

            text.Append("Coefficients\n").Append(TextTable.Render(rows, leftAligned: 1)).Append('\n');

            var chi = testForm == "chisq";
            var tests = new List<string[]> { chi ? ["term", "df", "chi-square", "p"] : ["term", "df", "ddf", "F", "p"] };
            foreach (var t in fit.Tests())
            {
                tests.Add(chi
                    ? [t.Term, t.Df.ToString(Inv), Format.Decimal(t.ChiSquare, 2), Format.PValue(t.PChiSquare)]
                    : [t.Term, t.Df.ToString(Inv), t.DenominatorDf.ToString(Inv), Format.Decimal(t.F, 2), Format.PValue(t.PF)]);
            }

            text.Append(chi ? "Wald tests of terms (chi-square, as R regTermTest(model, ~term, df = Inf))\n" : "Wald tests of terms (F with the residual df, as R regTermTest(model, ~term))\n")
                .Append(TextTable.Render(tests, leftAligned: 1));
            foreach (var term in fit.UntestedTerms)
            {
                text.Append(Inv, $"{term}: not tested, the design covariance of its coefficients is singular (a level held by a single PSU?)\n");
            }
            if (margins is not null)
            {
                AppendMargins(text, margins, level);
            }

            return text.ToString();
        }

        private static void AppendMargins(StringBuilder text, PredictiveMargins m, string level)
        {
            var share = m.Scale != "net score";
            List<string[]> cells = [[.. m.Variables, "ratings", share ? "predicted" : "predicted net", $"{level} CI"]];
            foreach (var c in m.Cells)
            {
                cells.Add(c.Estimate is { } e
                    ? [.. c.Levels, c.Rows.ToString("N0", Inv), share ? Format.Percent(e.Estimate) : Format.Points(e.Estimate), Format.Interval(c.Interval!, points: !share)]
                    : [.. c.Levels, c.Rows.ToString("N0", Inv), "not estimable", ""]);
            }

            text.Append(Inv, $"\nPredicted {m.Scale} of each cell of {string.Join(" × ", m.Variables)}: the model's mean prediction over its rows with the cell set, other covariates as observed (predictive margins){(share ? "" : ", in net points")}\n")
                .Append(TextTable.Render(cells, leftAligned: m.Variables.Count));
            if (m.Contrasts.Count == 0)
            {
                return;
            }

            var contrasts = new List<string[]> { new[] { "contrast", "difference", $"{level} CI", "p" } };
            foreach (var c in m.Contrasts)
            {
                contrasts.Add([c.Name, Format.Points(c.Estimate.Estimate), Format.Interval(c.Interval, points: true), c.PValue is { } p ? Format.PValue(p) : "n/a"]);
            }

            text.Append(Inv, $"\nContrasts between cells (percentage points; t with {m.DegreesOfFreedom} df)\n").Append(TextTable.Render(contrasts, leftAligned: 1));
            foreach (var c in m.Cells.Where(c => c.NotEstimable is not null))
            {
                text.Append(Inv, $"{string.Join(" × ", c.Levels)}: {c.NotEstimable}\n");
            }
        }

        private string Coefficient(double value) => _logit ? Format.Signed(value, 3) : Format.Points(value);

        private string CellName(MarginCell cell) => string.Join(";", margins!.Variables.Select((v, k) => $"{v}={cell.Levels[k]}"));

        private static string Number(double? value) => value is { } v ? Format.RoundTrip(v) : "";

        private static double? Exp(double? value) => value is { } v ? Math.Exp(v) : null;
    }
}
