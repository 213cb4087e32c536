using LambdaWorkflow.Cli;

return await CliApp.RunAsync(args, Console.Out, Console.Error, CliEnvironment.FromProcess()).ConfigureAwait(false);
