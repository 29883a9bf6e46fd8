using NetHelpfulness.Estimation;
using static NetHelpfulness.Tests.Model.ModelReference;

namespace NetHelpfulness.Tests.Model;

/// <summary>The model's variances go through the design, so a design that projects its influence values (as a calibrated one does) changes them.</summary>
public class ModelDesignTests
{
    // A stand-in for calibration's projection: any linear map of the influence values; doubling them quadruples every variance.
    private sealed class Doubling : IVarianceProjection
    {
        public double[] Project(double[] influence) => [.. influence.Select(z => 2 * z)];
    }

    [Fact]
    public void A_projecting_design_changes_every_standard_error_through_SurveyDesign_Covariance_and_nothing_else()
    {
        var design = ModelReference.Data.Design(Designs["clusters"]);
        var projected = design.WithWeights(design.Weights.ToArray(), new Doubling());
        var plain = SurveyModel.Fit(ModelReference.Data, Attributes, design, Models["net_saturated_country"]);
        var fit = SurveyModel.Fit(ModelReference.Data, Attributes, projected, Models["net_saturated_country"]);
        foreach (var (a, b) in plain.Coefficients.Zip(fit.Coefficients))
        {
            Assert.Equal(a.Value!.Value, b.Value!.Value, 14);
            Assert.Equal(2 * a.StandardError!.Value, b.StandardError!.Value, 14);
        }

        var cell = fit.Margins().Cell("established", "geo_tracking");
        Assert.Equal(2 * plain.Margins().Cell("established", "geo_tracking").Estimate!.StandardError, cell.Estimate!.StandardError, 14);
        Assert.Equal(plain.Test("country").ChiSquare / 4, fit.Test("country").ChiSquare, 10);
    }
}
