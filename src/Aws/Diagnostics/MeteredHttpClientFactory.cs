using System.Net;
using Amazon.Runtime;

namespace LambdaWorkflow.Aws.Diagnostics;

/// <summary>
/// The SDK's hook for creating its <see cref="HttpClient"/>s, here with the meter's handler in front. It applies the
/// client config's connection settings as the SDK's own factory does (timeouts, connection limit, proxy, redirects).
/// </summary>
internal sealed class MeteredHttpClientFactory(AwsRequestMeter meter, Func<HttpMessageHandler>? innerHandlerFactory) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig)
    {
        ArgumentNullException.ThrowIfNull(clientConfig);
        var inner = innerHandlerFactory?.Invoke() ?? CreateSocketsHandler(clientConfig);
        var client = new HttpClient(meter.CreateHandler(inner), disposeHandler: true);
        if (clientConfig.Timeout is { } timeout)
        {
            client.Timeout = timeout;
        }

        return client;
    }

    // The SDK keeps the clients this factory creates for the life of the SDK client (a null unique string), and
    // disposes them with it: one connection pool per SDK client, as without a factory.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => true;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;

    public override string? GetConfigUniqueString(IClientConfig clientConfig) => null;

    private static SocketsHttpHandler CreateSocketsHandler(IClientConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = config.AllowAutoRedirect,
            AutomaticDecompression = DecompressionMethods.None,

            // Recycle pooled connections so that DNS changes of the endpoint are picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (config.MaxConnectionsPerServer is { } connections)
        {
            handler.MaxConnectionsPerServer = connections;
        }

        if (config.ConnectTimeout is { } connectTimeout)
        {
            handler.ConnectTimeout = connectTimeout;
        }

        if (config.GetWebProxy() is { } proxy)
        {
            handler.Proxy = proxy;
            handler.UseProxy = true;
        }

        return handler;
    }
}
