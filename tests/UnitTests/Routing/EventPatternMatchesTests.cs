using System.Text;
using System.Text.Json;
using LambdaWorkflow.Local.Routing;

namespace LambdaWorkflow.UnitTests.Routing;

// The three Matches overloads, their input checks, and the no-allocation promise of the compiled matcher.
public class EventPatternMatchesTests
{
    private static readonly EventPattern Pattern = EventPattern.Parse("""
        { "source": [ "lambda-workflow" ], "detail": { "service": [ { "prefix": "inv" } ] } }
        """);

    private const string Matching = """{ "source": "lambda-workflow", "detail": { "service": "inventory" } }""";
    private const string NotMatching = """{ "source": "lambda-workflow", "detail": { "service": "payments" } }""";

    [Theory]
    [InlineData(Matching, true)]
    [InlineData(NotMatching, false)]
    public void Matches_AllOverloads_AgreeWithEachOther(string @event, bool expected)
    {
        using var document = JsonDocument.Parse(@event);

        Assert.Equal(expected, Pattern.Matches(@event));
        Assert.Equal(expected, Pattern.Matches(Encoding.UTF8.GetBytes(@event)));
        Assert.Equal(expected, Pattern.Matches(document.RootElement));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"lambda-workflow\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Matches_EventIsNotAnObject_ThrowsArgumentException(string @event)
    {
        Assert.Throws<ArgumentException>(() => Pattern.Matches(@event));
    }

    [Fact]
    public void Matches_DefaultJsonElement_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => Pattern.Matches(default(JsonElement)));
    }

    [Fact]
    public void Matches_MalformedEventJson_ThrowsJsonException()
    {
        Assert.ThrowsAny<JsonException>(() => Pattern.Matches("{ \"source\": "));
        Assert.ThrowsAny<JsonException>(() => Pattern.Matches("{ \"source\": "u8));
    }

    [Fact]
    public void Matches_NullString_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Pattern.Matches((string)null!));
    }

    [Fact]
    public void Matches_ParsedEvent_AllocatesNothing()
    {
        var pattern = EventPattern.Parse("""
            {
              "source": [ "lambda-workflow" ],
              "detail-type": [ { "equals-ignore-case": "callrequested" } ],
              "detail": {
                "service": [ { "prefix": "inv" }, { "wildcard": "*-svc" } ],
                "operation": [ { "anything-but": [ "cancel", "purge" ] } ],
                "attempt": [ { "numeric": [ ">=", 1, "<", 10 ] } ],
                "tags": [ { "suffix": "-blue" } ],
                "deadline": [ { "exists": false } ]
              }
            }
            """);
        using var document = JsonDocument.Parse("""
            { "source": "lambda-workflow", "detail-type": "CallRequested",
              "detail": { "service": "inventory", "operation": "reserve", "attempt": 2, "tags": ["a-red", "b-blue"] } }
            """);
        var @event = document.RootElement;
        for (var i = 0; i < 100; i++)
        {
            Assert.True(pattern.Matches(@event));
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var matched = 0;
        for (var i = 0; i < 1_000; i++)
        {
            matched += pattern.Matches(@event) ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(1_000, matched);
        Assert.Equal(0, allocated);
    }
}
