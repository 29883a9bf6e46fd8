using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>
/// The targets of issue 3, written out here independently of the generator's table, so that a changed table fails
/// the tests; and helpers that measure a survey the way the package's estimator does.
/// </summary>
internal static class StudyTargets
{
    /// <summary>id, relationship, tracking, helpful %, creepy %, net, published (the table).</summary>
    public static readonly (string Id, Relationship Relationship, Tracking Tracking, int Helpful, int Creepy, int Net, bool Published)[] Scenarios =
    [
        ("sale_alert", Relationship.Established, Tracking.None, 68, 11, 57, true),
        ("repurchase_reminder", Relationship.Established, Tracking.None, 63, 13, 50, false),
        ("birthday_offer", Relationship.Established, Tracking.None, 61, 15, 46, false),
        ("loyalty_recommendations", Relationship.Established, Tracking.None, 57, 16, 41, false),
        ("in_aisle_offer", Relationship.Established, Tracking.GeoTracking, 58, 20, 38, true),
        ("retargeted_ad_known_brand", Relationship.Established, Tracking.ThirdPartyCookies, 41, 32, 9, false),
        ("smart_speaker_ad_known_brand", Relationship.Established, Tracking.DeviceListening, 35, 41, -6, false),
        ("retargeted_ad_unknown_brand", Relationship.None, Tracking.ThirdPartyCookies, 32, 42, -10, false),
        ("walk_by_offer_unknown_store", Relationship.None, Tracking.GeoTracking, 30, 45, -15, false),
        ("overheard_coffee_ad", Relationship.None, Tracking.DeviceListening, 26, 53, -27, true),
    ];

    /// <summary>exposure, outcome, ratio (the article's trust signals).</summary>
    public static readonly (string Exposure, string Outcome, double Ratio)[] Ratios =
    [
        ("transparent_humane", "shares_personal_info", 2.5),
        ("transparent_humane", "more_value_than_expected", 1.7),
        ("reliable_capable", "shares_digital_info", 1.6),
    ];

    /// <summary>Asserts that the unweighted Wald shares of every scenario round to the targets, strictly inside ±½ point.</summary>
    public static void AssertCalibrated(SurveyResponses survey)
    {
        Assert.False(survey.IsWeighted);
        Assert.Equal(Scenarios.Select(s => s.Id), survey.Scenarios);
        foreach (var target in Scenarios)
        {
            var estimate = NetScore.Wald(survey.Scores(survey.ScenarioIndex(target.Id)));
            AssertRoundsTo(target.Helpful, estimate.Helpful, target.Id + " helpful");
            AssertRoundsTo(target.Creepy, estimate.Creepy, target.Id + " creepy");
            AssertRoundsTo(target.Net, estimate.Estimate, target.Id + " net");
        }
    }

    public static void AssertRoundsTo(double percent, double proportion, string what)
    {
        var shown = 100 * proportion;
        Assert.True(Math.Abs(shown - percent) < 0.5, $"{what}: {shown:F3}% does not round to {percent}%");
    }
}
