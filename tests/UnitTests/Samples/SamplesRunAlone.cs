namespace LambdaWorkflow.UnitTests.Samples;

/// <summary>
/// Sample runs start a whole embedded runtime, and the approval sample's accelerated clock turns a stall of a few
/// hundred milliseconds into hours of virtual time; xunit runs this collection alone, after the parallel tests.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SamplesRunAlone
{
    public const string Name = "Samples, run alone";
}
