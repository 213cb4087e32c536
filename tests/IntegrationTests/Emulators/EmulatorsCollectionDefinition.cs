namespace LambdaWorkflow.IntegrationTests.Emulators;

/// <summary>The <c>emulators</c> test collection: classes marked <c>[Collection("emulators")]</c> share one <see cref="EmulatorFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class EmulatorsCollectionDefinition : ICollectionFixture<EmulatorFixture>
{
    /// <summary>The collection name used in <c>[Collection(...)]</c>.</summary>
    public const string Name = "emulators";
}
