using Microsoft.Extensions.Hosting;
using SecureAccess.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.ConfigureSecureAccessSilo(builder.Configuration));
await builder.Build().RunAsync();
