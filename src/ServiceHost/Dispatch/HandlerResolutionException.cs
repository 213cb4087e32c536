namespace LambdaWorkflow.ServiceHost.Dispatch;

/// <summary>A handler could not be created (a missing DI registration, say): a deployment problem, not the call's failure.</summary>
internal sealed class HandlerResolutionException : Exception
{
    public HandlerResolutionException()
    {
    }

    public HandlerResolutionException(string message)
        : base(message)
    {
    }

    public HandlerResolutionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
