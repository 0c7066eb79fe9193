using System.Xml.Linq;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace CommandCenter.Web.Security;

/// <summary>
/// Keeps the Data Protection key ring in the store, so every node can read cookies and antiforgery tokens
/// issued by the others. Waits for the store's migrations before the first read.
/// </summary>
public sealed class StoreXmlRepository(IAccountStore store, StoreGate gate) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        WaitForStore();
        return [.. store.DataProtectionKeys().Select(k => XElement.Parse(k.Xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        WaitForStore();
        store.StoreDataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }

    private void WaitForStore()
    {
        if (!gate.Ready.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("the store is not ready; sign-in keys cannot be read");
        }
    }
}
