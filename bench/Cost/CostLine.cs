namespace LambdaWorkflow.Cost;

/// <summary>One priced part of the bill of a run.</summary>
/// <param name="Key">Stable name, used in the JSON output.</param>
/// <param name="Description">What is counted and at which price.</param>
/// <param name="Quantity">Billed units in the run.</param>
/// <param name="UnitPrice">Dollars per unit.</param>
internal sealed record CostLine(string Key, string Description, double Quantity, double UnitPrice)
{
    /// <summary>Dollars for the run.</summary>
    public double Dollars => Quantity * UnitPrice;
}
