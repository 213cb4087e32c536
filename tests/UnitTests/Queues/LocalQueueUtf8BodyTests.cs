using System.Text;
using LambdaWorkflow.Local.Queues;
using Microsoft.Extensions.Time.Testing;
using static LambdaWorkflow.UnitTests.Queues.QueueTestKit;

namespace LambdaWorkflow.UnitTests.Queues;

public sealed class LocalQueueUtf8BodyTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task SendUtf8_Received_HasTheSameTextAndBytes()
    {
        var queue = Standard(_time);
        var bytes = Encoding.UTF8.GetBytes("{\"name\":\"Zoë 🌍\"}");

        queue.SendUtf8(bytes);
        var received = await queue.ReceiveOneAsync();

        Assert.Equal("{\"name\":\"Zoë 🌍\"}", received.Body);
        Assert.Equal(bytes, received.Utf8Body.ToArray());
    }

    [Fact]
    public async Task Send_Text_ReceivedAsUtf8Bytes()
    {
        var queue = Standard(_time);

        queue.Send("{\"a\":\"é\"}");
        var received = await queue.ReceiveOneAsync();

        Assert.Equal(Encoding.UTF8.GetBytes("{\"a\":\"é\"}"), received.Utf8Body.ToArray());
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x7B, 0xC3, 0x7D })] // a truncated two-byte sequence
    public void SendUtf8_EmptyOrInvalid_Throws(byte[] body)
    {
        var queue = Standard(_time);

        var error = Assert.Throws<ArgumentException>(() => queue.SendUtf8(body));

        Assert.Equal("utf8Body", error.ParamName);
        Assert.Equal(0, queue.GetCounts().Visible);
    }

    [Fact]
    public void SendUtf8_OverTheSizeLimit_CountsBytesNotChars()
    {
        var queue = Standard(_time, new LocalQueueOptions { MaxMessageSize = 1024 });

        // 512 two-byte characters: 512 chars, 1,024 bytes: fits; one more byte does not.
        queue.SendUtf8(Encoding.UTF8.GetBytes(new string('é', 512)));
        Assert.Throws<ArgumentException>(() => queue.SendUtf8(Encoding.UTF8.GetBytes(new string('é', 512) + "x")));
    }
}
