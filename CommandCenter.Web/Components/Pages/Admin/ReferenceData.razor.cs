using System.Text;
using CommandCenter.Domain.Audit;
using CommandCenter.Domain.Jurisdictions;
using CommandCenter.Web.Reference;
using CommandCenter.Web.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace CommandCenter.Web.Components.Pages.Admin;

/// <summary>
/// <c>/admin/reference</c>: what reference data is in force, its files to download, an import (choose the changed files,
/// see the preview: problems, stranded orders or the changes file by file, then apply) and the imports so far.
/// </summary>
public sealed partial class ReferenceData
{
    [CascadingParameter]
    private Task<AuthenticationState>? AuthState { get; set; }

    private System.Security.Claims.ClaimsPrincipal _user = new();
    private bool _allowed;
    private bool _interactive;
    private bool _busy;
    private string? _error;
    private string? _done;
    private Dictionary<string, string>? _upload;
    private ReferencePreview? _preview;
    private IReadOnlyList<AuditEntry> _history = [];

    private IReadOnlyList<string> CalendarGaps => Domain.Sla.CalendarCoverage.Gaps(Book.Current.Data.CalendarDays.Select(d => d.Date.Year),
        Book.Current.Data.Sla.Calendar.LocalDate(Time.GetUtcNow()));

    private int Grids => Book.Current.Data.Tree.All.Count(j => j.Code.Level == JurisdictionLevel.Grid);

    protected override async Task OnInitializedAsync()
    {
        _user = AuthState is null ? new() : (await AuthState).User;
        _allowed = ReferenceImports.MayImport(_user, Book);
        await LoadHistoryAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _interactive = true;
            StateHasChanged();
        }
    }

    private async Task ChooseAsync(InputFileChangeEventArgs e)
    {
        (_busy, _error, _done, _preview) = (true, null, null, null);
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            long total = 0;
            foreach (var file in e.GetMultipleFiles(50))
            {
                total += file.Size;
                if (total > ReferenceImports.MaxBytes)
                {
                    _error = $"所选文件合计超过 {ReferenceImports.MaxBytes / 1024 / 1024} MB";
                    return;
                }

                await using var stream = file.OpenReadStream(ReferenceImports.MaxBytes);
                using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
                try
                {
                    files[file.Name] = await reader.ReadToEndAsync();
                }
                catch (DecoderFallbackException)
                {
                    _error = $"{file.Name}: 不是 UTF-8 文本";
                    return;
                }
            }

            _upload = files;
            _preview = await Task.Run(() => Imports.Preview(files)); // outlines take a moment: off the circuit's thread
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task ApplyAsync()
    {
        if (_upload is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var (preview, applied) = await Imports.ApplyAsync(_user, _upload, CancellationToken.None);
            _preview = applied ? null : preview;
            _done = applied ? $"已导入版本 {Short(preview.Digest!)}:各节点与接入网关随即生效。" : null;
            if (applied)
            {
                _upload = null;
                await LoadHistoryAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task LoadHistoryAsync() =>
        _history = _allowed ? await Audit.SearchAuditAsync(new AuditQuery(ActionPrefix: "reference.", Limit: 20), CancellationToken.None) : [];

    private static string Short(string digest) => digest[..12];
}
