using Microsoft.Extensions.Hosting;
using SecureAccess.Silo.Hosting;

namespace SecureAccess.Silo;

public static class SiloProgram
{
    public static async Task Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.UseOrleans(silo => silo.ConfigureSecureAccessSilo(builder.Configuration));
        await builder.Build().RunAsync();
    }
}
