using System.Text.Json.Serialization.Metadata;
using LambdaWorkflow.Contracts;

namespace LambdaWorkflow.Orchestrator;

/// <summary>A typed handle of a workflow: its registered name and how its input and result serialize.</summary>
/// <typeparam name="TRequest">The workflow's input.</typeparam>
/// <typeparam name="TResult">The workflow's result.</typeparam>
public sealed class WorkflowDefinition<TRequest, TResult>
{
    /// <summary>Declares a workflow; type information defaults to reflection-based web JSON.</summary>
    public WorkflowDefinition(string name, JsonTypeInfo<TRequest>? requestType = null, JsonTypeInfo<TResult>? resultType = null)
    {
        Names.EnsureValid(name, nameof(name));
        Name = name;
        RequestType = requestType ?? PayloadJson.TypeInfo<TRequest>();
        ResultType = resultType ?? PayloadJson.TypeInfo<TResult>();
    }

    /// <summary>The registered name, carried by <c>StartWorkflow</c> and <c>CallRequested</c>.</summary>
    public string Name { get; }

    /// <summary>JSON type information of the input.</summary>
    public JsonTypeInfo<TRequest> RequestType { get; }

    /// <summary>JSON type information of the result.</summary>
    public JsonTypeInfo<TResult> ResultType { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
