using System.Diagnostics;

namespace SecureAccess.Testing;

/// An independent TOTP implementation for tests: oathtool from Debian's package (test.sh installs it),
/// asked for the code at a given time, so codes do not come from the code path that verifies them.
public static class Oathtool
{
    public static string Code(string base32Secret, DateTimeOffset at)
    {
        var start = new ProcessStartInfo("oathtool", ["--totp", "--base32", "-N", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture), base32Secret])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        Process process;
        try { process = Process.Start(start)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("oathtool is not installed: run ./test.sh (it installs it) or apt-get install oathtool.");
        }
        var output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
