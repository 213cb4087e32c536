namespace LambdaWorkflow.Local.Routing;

/// <summary>A CloudFormation template that cannot be read, or a value in it that cannot be resolved locally.</summary>
public sealed class CloudFormationTemplateException : Exception
{
    /// <summary>Creates the error for one place in the template.</summary>
    /// <param name="path">Where in the template, such as <c>Resources.Rule.Properties.EventPattern</c>.</param>
    /// <param name="problem">What is wrong there.</param>
    /// <param name="inner">The underlying error, if any.</param>
    public CloudFormationTemplateException(string path, string problem, Exception? inner)
        : base($"CloudFormation template, at '{path}': {problem}", inner)
    {
        Path = path;
    }

    /// <summary>Creates the error without a place.</summary>
    public CloudFormationTemplateException()
        : this("$", "is invalid", null)
    {
    }

    /// <summary>Creates the error with a message only.</summary>
    public CloudFormationTemplateException(string message)
        : this("$", message, null)
    {
    }

    /// <summary>Creates the error with a message and inner exception.</summary>
    public CloudFormationTemplateException(string message, Exception innerException)
        : this("$", message, innerException)
    {
    }

    /// <summary>Where in the template the problem is; <c>$</c> for the whole template.</summary>
    public string Path { get; }
}
