namespace NetHelpfulness.Estimation;

/// <summary>What a model of the stacked ratings explains.</summary>
public enum ModelOutcome
{
    /// <summary>The per-rating score s = +1 helpful, 0 neutral, −1 creepy; with the linear model, coefficients are differences in net points.</summary>
    Net,

    /// <summary>1 when the rating is helpful, else 0.</summary>
    Helpful,

    /// <summary>1 when the rating is creepy, else 0.</summary>
    Creepy,
}

/// <summary>The model's family and link.</summary>
public enum ModelFamily
{
    /// <summary>Weighted least squares (identity link): R <c>svyglm(..., family = gaussian())</c>.</summary>
    Linear,

    /// <summary>Weighted logistic regression (logit link) by IRLS: R <c>svyglm(..., family = quasibinomial())</c>; coefficients are log odds ratios.</summary>
    Logit,
}

/// <summary>What to do when a column of the design matrix is a linear combination of earlier ones.</summary>
public enum AliasedColumns
{
    /// <summary>Refuse the model, naming the aliased columns and what they are aliased with (the default).</summary>
    Refuse,

    /// <summary>Drop the aliased columns, as R's <c>glm</c> does (their coefficients are reported as aliased, R's <c>NA</c>).</summary>
    Drop,
}

/// <summary>A design-based model of the stacked ratings: outcome, family, terms and contrasts.</summary>
public sealed record ModelSpecification
{
    /// <summary>The terms in R's formula language, for example <c>relationship*tracking + country</c> (see <see cref="ModelFormula"/>).</summary>
    public required string Terms { get; init; }

    /// <summary>What the model explains (default: the net score).</summary>
    public ModelOutcome Outcome { get; init; } = ModelOutcome.Net;

    /// <summary>The family; null for the outcome's default (linear for <see cref="ModelOutcome.Net"/>, logit for helpful and creepy).</summary>
    public ModelFamily? Family { get; init; }

    /// <summary>
    /// The reference level of factors, by variable; a factor not named here takes the level <c>none</c> where it has one,
    /// else its first level by name (ordinal order).
    /// </summary>
    public IReadOnlyDictionary<string, string> References { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Columns whose values are all numbers but that are factors (for example a stratum coded 1–5); other all-number columns are numeric covariates.</summary>
    public IReadOnlyCollection<string> Factors { get; init; } = [];

    /// <summary>What to do with aliased columns (default: refuse).</summary>
    public AliasedColumns Aliased { get; init; } = AliasedColumns.Refuse;

    /// <summary>Confidence level of the intervals (default 0.95).</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>The family used: <see cref="Family"/>, or the outcome's default.</summary>
    public ModelFamily EffectiveFamily => Family ?? (Outcome == ModelOutcome.Net ? ModelFamily.Linear : ModelFamily.Logit);

    /// <summary>The outcome's name as the command line and tables write it: net, helpful, creepy.</summary>
    public static string NameOf(ModelOutcome outcome) => outcome switch
    {
        ModelOutcome.Helpful => "helpful",
        ModelOutcome.Creepy => "creepy",
        _ => "net",
    };

    /// <summary>The family's name: linear, logit.</summary>
    public static string NameOf(ModelFamily family) => family == ModelFamily.Logit ? "logit" : "linear";
}
