using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>Relationship and tracking effects against the same definitions computed with R survey.</summary>
public class EffectsTests
{
    [Theory]
    [InlineData("effects-strata-clusters", "strata-clusters")]
    [InlineData("effects-unweighted", "none")]
    public void Every_effect_equals_R_in_every_field(string expectedFile, string designName)
    {
        var survey = ResamplingData.Load(designName);
        var effects = Effects.EstimateAll(survey, ScenarioCatalogue.Read(ResamplingData.CataloguePath));
        var rows = ResamplingData.Expected(expectedFile);
        Assert.Equal(rows.Select(r => r["effect"]), effects.Select(e => e.Effect.Name));
        foreach (var (row, e) in rows.Zip(effects))
        {
            PairedDifferenceTests.AssertEqual(row, e.Difference, IntervalMethod.Linearized);
            foreach (var (prefix, share, h) in new[] { ("h_helpful", "helpful", e.Helpful), ("h_creepy", "creepy", e.Creepy) })
            {
                Assert.Equal(row.Number($"{share}_first"), h.First, ResamplingData.Tolerance);
                Assert.Equal(row.Number($"{share}_second"), h.Second, ResamplingData.Tolerance);
                Assert.Equal(row.Number(prefix), h.Estimate, ResamplingData.Tolerance);
                Assert.Equal(row.Number($"{prefix}_se"), h.StandardError, ResamplingData.Tolerance);
                Assert.Equal(row.Number($"{prefix}_ci_low"), h.Interval.Lower, ResamplingData.Tolerance);
                Assert.Equal(row.Number($"{prefix}_ci_high"), h.Interval.Upper, ResamplingData.Tolerance);
            }

            Assert.Equal(row.Number("d_z"), e.Dz!.Value, ResamplingData.Tolerance);
        }
    }

    [Fact]
    public void The_study_catalogue_defines_matched_contrasts_and_tracking_effects()
    {
        var catalogue = ScenarioCatalogue.Read(ResamplingData.CataloguePath);
        var effects = Effects.Define(catalogue, [.. catalogue.Scenarios.Select(s => s.Id)]);
        Assert.Equal(
            ["relationship", "relationship:third_party_cookies", "relationship:geo_tracking", "relationship:device_listening",
             "tracking", "tracking:third_party_cookies", "tracking:geo_tracking", "tracking:device_listening"],
            effects.Select(e => e.Name));
        var relationship = effects[0];
        Assert.Equal(EffectKind.Relationship, relationship.Kind);
        Assert.Equal(3, relationship.Pairs.Count);
        Assert.Equal(["in_aisle_offer"], relationship.Pairs[1].Positive);
        Assert.Equal(["walk_by_offer_unknown_store"], relationship.Pairs[1].Negative);
        var tracking = effects[4];
        Assert.Equal(["sale_alert", "repurchase_reminder", "birthday_offer", "loyalty_recommendations"], tracking.Pairs.Single().Positive);
        Assert.Equal(["in_aisle_offer", "retargeted_ad_known_brand", "smart_speaker_ad_known_brand"], tracking.Pairs.Single().Negative);
        Assert.Equal(["smart_speaker_ad_known_brand"], effects[7].Pairs.Single().Negative);
    }

    [Fact]
    public void A_survey_scenario_missing_from_the_catalogue_is_refused()
    {
        var catalogue = ScenarioCatalogue.Read(ResamplingData.CataloguePath);
        var e = Assert.Throws<ArgumentException>(() => Effects.Define(catalogue, ["sale_alert", "mystery_offer"]));
        Assert.Contains("mystery_offer", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catalogue_that_allows_no_effect_is_refused()
    {
        var catalogue = ScenarioCatalogue.Read(ResamplingData.CataloguePath);
        Assert.Throws<InsufficientDataException>(() => Effects.Define(catalogue, ["sale_alert", "birthday_offer"]));
    }

    [Fact]
    public void A_respondent_is_averaged_over_his_usable_pairs_and_left_out_without_one()
    {
        // Matched contrasts (cookies: a − b, geo: c − d). r1 answered all; r2 skipped d (only the cookies pair);
        // r3 skipped a and c (no usable pair: left out).
        var m = SurveyResponses.Missing;
        var catalogue = ScenarioCatalogue.Create(
        [
            new ScenarioInfo("a", "a", "", Relationship.Established, Tracking.ThirdPartyCookies, false),
            new ScenarioInfo("b", "b", "", Relationship.None, Tracking.ThirdPartyCookies, false),
            new ScenarioInfo("c", "c", "", Relationship.Established, Tracking.GeoTracking, false),
            new ScenarioInfo("d", "d", "", Relationship.None, Tracking.GeoTracking, false),
        ]);
        var survey = new SurveyResponses("t.csv", RatingScale.FivePoint, ["a", "b", "c", "d"], ["r1", "r2", "r3"],
            [5, 1, 1, 3,
             4, 4, 1, m,
             m, 5, m, 2]);
        var effect = Effects.Define(catalogue, survey.Scenarios)[0];
        Assert.Equal("relationship", effect.Name);
        var estimate = Effects.Estimate(survey, effect, survey.Design());

        // r1: ((1 − (−1)) + (−1 − 0)) / 2 = 0.5; r2: 1 − 1 = 0 (the geo pair is not usable).
        Assert.Equal(2, estimate.Difference.N);
        Assert.Equal(0.25, estimate.Difference.Estimate, 1e-15);
        Assert.Equal(0.25 / Math.Sqrt(0.125), estimate.Dz!.Value, 1e-12);  // sample SD of {0.5, 0} is √0.125
        Assert.Equal(0.75, estimate.Helpful.First, 1e-15);    // r1: (1 + 0)/2, r2: 1
        Assert.Equal(0.5, estimate.Helpful.Second, 1e-15);    // r1: (0 + 0)/2, r2: 1
        Assert.Equal(0.25, estimate.Creepy.First, 1e-15);     // r1: (0 + 1)/2, r2: 0
        Assert.Equal(0.25, estimate.Creepy.Second, 1e-15);    // r1: (1 + 0)/2, r2: 0
        Assert.Equal((2 * Math.Asin(Math.Sqrt(0.75))) - (2 * Math.Asin(Math.Sqrt(0.5))), estimate.Helpful.Estimate, 1e-15);
    }

    [Fact]
    public void Dz_is_null_when_the_contrast_does_not_vary()
    {
        var catalogue = ScenarioCatalogue.Create(
        [
            new ScenarioInfo("a1", "a1", "", Relationship.Established, Tracking.None, false),
            new ScenarioInfo("a2", "a2", "", Relationship.Established, Tracking.None, false),
            new ScenarioInfo("b1", "b1", "", Relationship.Established, Tracking.GeoTracking, false),
            new ScenarioInfo("b2", "b2", "", Relationship.Established, Tracking.GeoTracking, false),
        ]);
        var survey = new SurveyResponses("t.csv", RatingScale.FivePoint, ["a1", "a2", "b1", "b2"], ["r1", "r2", "r3"],
            [5, 5, 5, 1,
             3, 3, 1, 1,
             1, 5, 1, 1]);
        var tracking = Effects.EstimateAll(survey, catalogue).First(e => e.Effect.Name == "tracking");
        Assert.Equal(1, tracking.Difference.Estimate, 1e-15);
        Assert.Equal(0, tracking.Difference.StandardError, 1e-15);
        Assert.Null(tracking.Dz);
    }

    [Fact]
    public void A_share_of_zero_or_one_is_refused_for_Cohens_h()
    {
        var catalogue = ScenarioCatalogue.Create(
        [
            new ScenarioInfo("a", "a", "", Relationship.Established, Tracking.None, false),
            new ScenarioInfo("b", "b", "", Relationship.Established, Tracking.GeoTracking, false),
        ]);
        var survey = new SurveyResponses("t.csv", RatingScale.FivePoint, ["a", "b"], ["r1", "r2", "r3"], [5, 1, 4, 3, 5, 2]);
        var e = Assert.Throws<InsufficientDataException>(() => Effects.EstimateAll(survey, catalogue));
        Assert.Contains("Cohen's h", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_effect_without_any_respondent_is_refused()
    {
        var m = SurveyResponses.Missing;
        var catalogue = ScenarioCatalogue.Create(
        [
            new ScenarioInfo("a", "a", "", Relationship.Established, Tracking.None, false),
            new ScenarioInfo("b", "b", "", Relationship.Established, Tracking.GeoTracking, false),
        ]);
        var survey = new SurveyResponses("t.csv", RatingScale.FivePoint, ["a", "b"], ["r1", "r2"], [5, m, m, 2]);
        Assert.Throws<InsufficientDataException>(() => Effects.EstimateAll(survey, catalogue));
    }
}
