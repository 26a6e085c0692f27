using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using SecureAccess.Messaging.Delivery;

namespace SecureAccess.Messaging.Email;

/// Email over SMTP with MailKit: one connection per message (codes are few and far between per silo,
/// and a fresh connection never carries a half-broken session into the next send).
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options) : IMessageTransport
{
    public async Task<DeliveryOutcome> Send(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var mail = new MimeMessage();
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        if (!MailboxAddress.TryParse(message.To, out var to)) return DeliveryOutcome.Permanent("the recipient address does not parse");
        mail.To.Add(to);
        mail.Subject = message.Subject;
        mail.Body = new TextPart("plain") { Text = message.Body };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(smtp.Timeout);
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(smtp.Host, smtp.Port, Security(smtp.Security), timeout.Token);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                if (!client.Capabilities.HasFlag(SmtpCapabilities.Authentication))
                    return DeliveryOutcome.Permanent("SMTP server offers no authentication (Username is set)");
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", timeout.Token);
            }
            await client.SendAsync(mail, timeout.Token);
            await client.DisconnectAsync(quit: true, timeout.Token);
            return DeliveryOutcome.Delivered;
        }
        // SMTP's own classes: 4xx is "try again later", 5xx is final (RFC 5321 §4.2.1).
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            return DeliveryOutcome.Permanent($"SMTP {(int)e.StatusCode} ({e.ErrorCode})");
        }
        catch (SmtpCommandException e)
        {
            return DeliveryOutcome.Transient($"SMTP {(int)e.StatusCode} ({e.ErrorCode})");
        }
        catch (AuthenticationException)
        {
            return DeliveryOutcome.Permanent("SMTP authentication failed");
        }
        catch (Exception e) when (e is SmtpProtocolException or SocketException or IOException or ServiceNotConnectedException
                                      or SslHandshakeException or OperationCanceledException or TimeoutException)
        {
            if (cancellationToken.IsCancellationRequested) throw;
            return DeliveryOutcome.Transient($"SMTP unreachable ({e.GetType().Name})");
        }
    }

    private static SecureSocketOptions Security(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTls,
    };
}
