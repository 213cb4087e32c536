namespace LambdaWorkflow.UnitTests.Infra;

/// <summary>
/// Tests that start processes or a whole embedded runtime. xunit runs this collection alone after the parallel
/// ones, so their CPU load cannot upset the timing-sensitive engine tests running beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class InfraRunAlone
{
    public const string Name = "Infra, run alone";
}
