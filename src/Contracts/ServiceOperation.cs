using System.Text.Json.Serialization.Metadata;

namespace LambdaWorkflow.Contracts;

/// <summary>
/// A typed operation of a service, shared by the workflow that calls it and the handler that serves it.
/// </summary>
/// <typeparam name="TRequest">The request payload.</typeparam>
/// <typeparam name="TResponse">The response payload.</typeparam>
public sealed class ServiceOperation<TRequest, TResponse>
{
    /// <summary>Declares an operation; type information defaults to reflection-based web JSON.</summary>
    /// <param name="service">The service name, matched by the EventBridge rule on <c>detail.service</c>.</param>
    /// <param name="operation">The operation name within the service.</param>
    /// <param name="requestType">Source-generated type information for the request, if any.</param>
    /// <param name="responseType">Source-generated type information for the response, if any.</param>
    public ServiceOperation(
        string service,
        string operation,
        JsonTypeInfo<TRequest>? requestType = null,
        JsonTypeInfo<TResponse>? responseType = null)
    {
        Names.EnsureValid(service, nameof(service));
        Names.EnsureValid(operation, nameof(operation));
        Service = service;
        Operation = operation;
        RequestType = requestType ?? PayloadJson.TypeInfo<TRequest>();
        ResponseType = responseType ?? PayloadJson.TypeInfo<TResponse>();
    }

    /// <summary>The service name.</summary>
    public string Service { get; }

    /// <summary>The operation name.</summary>
    public string Operation { get; }

    /// <summary>JSON type information of the request.</summary>
    public JsonTypeInfo<TRequest> RequestType { get; }

    /// <summary>JSON type information of the response.</summary>
    public JsonTypeInfo<TResponse> ResponseType { get; }

    /// <summary><c>service.operation</c>.</summary>
    public override string ToString() => Service + "." + Operation;
}
