using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Tests.Data;

namespace NetHelpfulness.Tests.Model;

/// <summary>
/// On the shipped SYNTHETIC study (data/synthetic/survey.csv, data/scenarios.csv: 7 of the 8 relationship × tracking cells,
/// none × none is empty), the saturated model relationship*tracking (its aliased column dropped, as R does) and the
/// per-respondent effects of <c>nethelp effects</c> estimate the same things: the model's cells are the cells' pooled
/// means, and where every respondent answered every scenario its contrasts are the effects, to the last digits.
/// </summary>
public class ModelEffectsRelationTests
{
    private const double Tolerance = 1e-12;
    private static readonly ModelSpecification Saturated = new() { Terms = "relationship*tracking", Aliased = AliasedColumns.Drop };
    private static readonly Lazy<SurveyResponses> Study = new(() =>
        SurveyReader.ReadFile(ShippedFiles.Path("synthetic/survey.csv"), new SurveyReadOptions { WeightColumn = "weight" }));

    private static ScenarioAttributes Attributes => ScenarioAttributes.Read(ShippedFiles.Path("scenarios.csv"));

    private static ScenarioCatalogue Catalogue => ScenarioCatalogue.Read(ShippedFiles.Path("scenarios.csv"));

    [Fact]
    public void Each_cell_of_the_saturated_model_is_the_pooled_weighted_mean_of_its_ratings()
    {
        var survey = Study.Value;
        var design = survey.Design();
        var fit = SurveyModel.Fit(survey, Attributes, design, Saturated);
        Assert.Equal(["relationshipestablished:trackingthird_party_cookies"], fit.Coefficients.Where(c => c.IsAliased).Select(c => c.Name));
        var margins = fit.Margins();
        var attributes = Attributes;
        foreach (var cell in margins.Cells)
        {
            var scenarios = Enumerable.Range(0, survey.ScenarioCount).Where(j =>
                attributes.Value(survey.Scenarios[j], "relationship") == cell.Levels[0] && attributes.Value(survey.Scenarios[j], "tracking") == cell.Levels[1]).ToList();
            if (scenarios.Count == 0)
            {
                Assert.Null(cell.Estimate);
                Assert.Equal(0, cell.Rows);
                continue;
            }

            // Σ_i w_i Σ_{j in cell} s_ij / Σ_i w_i n_i,cell, as a ratio of two totals over every respondent (delta method).
            var n = survey.RespondentCount;
            var sums = new double[n];
            var counts = new double[n];
            foreach (var j in scenarios)
            {
                var scores = survey.Scores(j);
                for (var i = 0; i < n; i++)
                {
                    if (scores[i] != SurveyResponses.Missing)
                    {
                        sums[i] += scores[i];
                        counts[i]++;
                    }
                }
            }

            var everyone = Enumerable.Repeat(true, n).ToArray();
            var pooled = DesignEstimates.Ratio(design.Total(sums, everyone), design.Total(counts, everyone));
            Assert.Equal(pooled.Estimate, cell.Estimate!.Estimate, Tolerance);
            Assert.Equal(pooled.StandardError, cell.Estimate.StandardError, Tolerance);
            Assert.Equal((int)counts.Sum(), cell.Rows);
            if (scenarios.Count == 1)
            {
                // A cell of one scenario is that scenario's net score (nethelp score).
                var score = NetScore.Estimate(survey.Scores(scenarios[0]), design);
                Assert.Equal(score.Estimate, cell.Estimate.Estimate, Tolerance);
                Assert.Equal(score.StandardError, cell.Estimate.StandardError, Tolerance);
            }
        }
    }

    [Fact]
    public void Where_every_respondent_answered_every_scenario_the_contrasts_equal_the_effects()
    {
        var survey = CompleteCases(Study.Value);
        var design = survey.Design();
        var margins = SurveyModel.Fit(survey, Attributes, design, Saturated).Margins();
        var effects = Effects.EstimateAll(survey, Catalogue, design).ToDictionary(e => e.Effect.Name, e => e.Difference);
        foreach (var (effect, contrast, sign) in Pairs(margins))
        {
            Assert.Equal(effects[effect].Estimate, sign * contrast.Estimate.Estimate, Tolerance);
            Assert.Equal(effects[effect].StandardError, contrast.Estimate.StandardError, Tolerance);
        }
    }

    [Fact]
    public void On_the_whole_study_with_its_skipped_answers_the_contrasts_point_the_way_the_effects_do()
    {
        var survey = Study.Value;
        var design = survey.Design();
        var margins = SurveyModel.Fit(survey, Attributes, design, Saturated).Margins();
        var effects = Effects.EstimateAll(survey, Catalogue, design).ToDictionary(e => e.Effect.Name, e => e.Difference);
        foreach (var (effect, contrast, sign) in Pairs(margins))
        {
            var e = effects[effect];
            Assert.Equal(Math.Sign(e.Estimate), Math.Sign(sign * contrast.Estimate.Estimate));
            // Skipped answers weigh respondents differently (pooled rows against per-respondent pairs): a small part of an SE.
            Assert.True(Math.Abs(e.Estimate - (sign * contrast.Estimate.Estimate)) < 0.25 * e.StandardError,
                FormattableString.Invariant($"{effect}: effect {e.Estimate:R}, model contrast {sign * contrast.Estimate.Estimate:R}"));
        }
    }

    // Each effect of `nethelp effects` and the model contrast that estimates it (the tracking effects are "relationship only
    // minus deep tracking", the contrasts "tracking level minus none": opposite signs).
    private static IEnumerable<(string Effect, MarginContrast Contrast, int Sign)> Pairs(PredictiveMargins margins)
    {
        var byName = margins.Contrasts.ToDictionary(c => c.Name);
        const string deep = "device_listening, geo_tracking, third_party_cookies";
        yield return ("relationship", byName[$"relationship established − none | mean over tracking = {deep}"], 1);
        foreach (var t in new[] { "third_party_cookies", "geo_tracking", "device_listening" })
        {
            yield return ($"relationship:{t}", byName[$"relationship established − none | tracking = {t}"], 1);
            yield return ($"tracking:{t}", byName[$"tracking {t} − none | relationship = established"], -1);
        }

        yield return ("tracking", byName["tracking (mean of the others) − none | relationship = established"], -1);
    }

    private static SurveyResponses CompleteCases(SurveyResponses survey)
    {
        var keep = Enumerable.Range(0, survey.RespondentCount)
            .Where(i => Enumerable.Range(0, survey.ScenarioCount).All(j => survey.Rating(i, j) != SurveyResponses.Missing)).ToArray();
        Assert.True(keep.Length > 10_000 && keep.Length < survey.RespondentCount);
        var ratings = keep.SelectMany(i => Enumerable.Range(0, survey.ScenarioCount).Select(j => survey.Rating(i, j))).ToArray();
        var weights = survey.Weights.ToArray();
        return new SurveyResponses(survey.Source + " (respondents who answered every scenario)", survey.Scale, [.. survey.Scenarios],
            [.. keep.Select(i => survey.RespondentIds[i])], ratings, weights: [.. keep.Select(i => weights[i])]);
    }
}
