namespace LambdaWorkflow.Emulators;

/// <summary>Locates the repository checkout (the folder holding <c>LambdaWorkflow.sln</c>).</summary>
internal static class RepositoryRoot
{
    private const string SolutionFileName = "LambdaWorkflow.sln";

    /// <summary>Walks up from <paramref name="startDirectory"/> to the first folder holding the solution file.</summary>
    public static string Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFileName)))
            {
                return directory.FullName;
            }
        }

        throw new EmulatorException(
            $"No folder above '{startDirectory}' holds {SolutionFileName}; the emulators are installed from the " +
            "repository's tests/emulators folder, so run from a build inside the checkout or set " +
            $"{nameof(EmulatorHostOptions)}.{nameof(EmulatorHostOptions.RepositoryRoot)}.");
    }
}
