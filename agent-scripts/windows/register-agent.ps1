# EC2 userdata (Windows Server, Windows PowerShell 5.1 or PowerShell 7): registers this instance as
# a VM resource of an Azure DevOps environment, named after its instance id and placed by its
# AzDevOps-* tags, and runs the Azure Pipelines agent as a Windows service under NETWORK SERVICE
# (not an administrator; the agent's own default for environment VMs is LocalSystem: see
# docs/deployment.md for why and how to choose it). The twin of agent-scripts/linux/register-agent.sh: the same settings
# (environment variables; agent-scripts/README.md), steps, log lines and exit codes, plus
# AGENT_SERVICE_ACCOUNT. AGENT_HOME defaults to C:\azagent.
#
# The PAT or client secret goes from SSM into a variable and from there only into the environment of
# config.cmd (VSTS_AGENT_INPUT_TOKEN or VSTS_AGENT_INPUT_CLIENTSECRET, as the Linux script explains),
# removed right after: never onto a command line, into a file or a log line.

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
Set-StrictMode -Version 3.0
[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12

$TagProject = 'AzDevOps-Project'
$TagEnvironment = 'AzDevOps-Environment'
$TagResourceTags = 'AzDevOps-Environment-ResourceTags'
$TagOrganization = 'AzDevOps-Organization'

function Write-Log([string]$Message) {
    Write-Output "$((Get-Date).ToUniversalTime().ToString('yyyy-MM-ddTHH:mm:ssZ')) register-agent: $Message"
}

# Named as the Linux script's fail: it is called often, and the sent script must stay under 16 KB.
function Fail([int]$Code, [string]$Message) {
    Write-Log "ERROR: $Message (exit code $Code)"
    exit $Code
}

function Get-Printable([string]$Value) {
    $clean = $Value -replace '[^\x20-\x7E]', '?'
    if ($clean.Length -gt 200) { $clean = $clean.Substring(0, 200) }
    $clean
}

function Get-StatusCode($ErrorRecord) {
    $response = $ErrorRecord.Exception.Response
    if ($null -ne $response) { [int]$response.StatusCode } else { 0 }
}

$script:ImdsToken = $null

function Connect-Imds([string]$Endpoint) {
    for ($attempt = 1; $attempt -le 5; $attempt++) {
        try {
            $script:ImdsToken = Invoke-RestMethod -UseBasicParsing -Method Put -TimeoutSec 10 -Uri "$Endpoint/latest/api/token" `
                -Headers @{ 'X-aws-ec2-metadata-token-ttl-seconds' = '900' }
            return
        } catch {
            Start-Sleep -Seconds $attempt
        }
    }
    Fail 4 "no IMDSv2 token from $Endpoint (is the instance metadata service enabled?)"
}

# A metadata item, or $null when it does not exist (404).
function Get-Metadata([string]$Endpoint, [string]$Path) {
    try {
        [string](Invoke-RestMethod -UseBasicParsing -TimeoutSec 10 -Uri "$Endpoint/latest/$Path" `
                -Headers @{ 'X-aws-ec2-metadata-token' = $script:ImdsToken })
    } catch {
        if ((Get-StatusCode $_) -eq 404) { return $null }
        Fail 4 "instance metadata $Path could not be read from ${Endpoint}: $($_.Exception.Message)"
    }
}

# The canonical form the function uses: a name means https://dev.azure.com/<name>; a URL keeps its
# path, loses trailing slashes, and has a lower-case scheme and host. Plain http only on loopback.
function ConvertTo-CanonicalOrganization([string]$Value) {
    $value = $Value.Trim()
    if ($value -cmatch '^[A-Za-z0-9][A-Za-z0-9-]{0,49}$') { return "https://dev.azure.com/$value" }
    if ($value -notmatch '^([A-Za-z]+)://([^/?#@\s]+)(/[^?#\s]*)?$') { return $null }
    $scheme = $Matches[1].ToLowerInvariant()
    $hostPart = $Matches[2].ToLowerInvariant()
    $path = "$($Matches[3])".TrimEnd('/')
    $hostName = if ($hostPart.StartsWith('[')) { $hostPart.Substring(0, $hostPart.IndexOf(']') + 1) } else { $hostPart.Split(':')[0] }
    $loopback = @('127.0.0.1', 'localhost', '[::1]') -contains $hostName
    if (-not ($scheme -eq 'https' -or ($scheme -eq 'http' -and $loopback))) { return $null }
    "${scheme}://$hostPart$path"
}

# The tag contract (docs/tag-contract.md), which the function and the Linux userdata follow too
# (docs/tag-contract-vectors.json). .NET's \p{Cc} is its control set, [^\S ] its whitespace but the
# space; strings are UTF-16, the unit Azure DevOps counts lengths in.
function Test-TagValue([string]$Key, [string]$Value) {
    $v = $Value.Trim(' ')
    if ($v -match '\p{Cc}') { Fail 5 "tag $Key value '$(Get-Printable $v)' holds control characters" }
    if ($v -match '[^\S ]') { Fail 5 "tag $Key value '$(Get-Printable $v)' holds a whitespace character other than a plain space" }
    if ($v.Length -gt 256) { Fail 5 "tag $Key value '$(Get-Printable $v)' is $($v.Length) characters long; the limit is 256" }
    $v
}

function Resolve-TagContract([hashtable]$Tags, [string]$InstanceId) {
    if (-not ($Tags.ContainsKey($TagProject) -or $Tags.ContainsKey($TagEnvironment))) {
        Fail 5 "instance $InstanceId lacks the $TagProject or $TagEnvironment tag: tag the Auto Scaling group (propagate at launch)"
    }
    $r = @{}
    foreach ($key in $TagProject, $TagEnvironment, $TagOrganization) { $r[$key] = Test-TagValue $key "$($Tags[$key])" }
    foreach ($key in $TagProject, $TagEnvironment) {
        if (-not $r[$key]) { Fail 5 "tag $key is missing or empty on instance $InstanceId" }
    }
    # Duplicates ignoring the case of A-Z only (-cmatch: PowerShell compares characters ignoring case).
    $seen = [Collections.Generic.HashSet[string]]::new()
    $kept = @()
    foreach ($part in "$($Tags[$TagResourceTags])".Split(',')) {
        $t = Test-TagValue $TagResourceTags $part
        $folded = -join ($t.ToCharArray() | ForEach-Object { if ("$_" -cmatch '[A-Z]') { [char]([int]$_ + 32) } else { $_ } })
        if ($t -and $seen.Add($folded)) { $kept += $t }
    }
    $r.ResourceTags = $kept -join ','
    $r
}

# A tag can only choose among the configured organizations, so no tag can send the PAT elsewhere.
function Select-Organization([string]$Requested) {
    $default = ConvertTo-CanonicalOrganization $env:ADO_ORGANIZATION_URL
    if (-not $default) { Fail 2 "ADO_ORGANIZATION_URL '$(Get-Printable $env:ADO_ORGANIZATION_URL)' is neither an organization name nor an https URL" }
    if (-not $Requested) { return $default }
    $allowed = @($default)
    foreach ($candidate in "$env:ADO_ORGANIZATIONS".Split(',')) {
        if (-not $candidate.Trim()) { continue }
        $canonical = ConvertTo-CanonicalOrganization $candidate
        if (-not $canonical) { Fail 2 "ADO_ORGANIZATIONS holds '$(Get-Printable $candidate)', neither an organization name nor an https URL" }
        $allowed += $canonical
    }
    $wanted = ConvertTo-CanonicalOrganization $Requested
    if (-not $wanted) { Fail 6 "tag $TagOrganization '$(Get-Printable $Requested)' is neither an organization name nor an https URL" }
    foreach ($candidate in $allowed) {
        if ($candidate -eq $wanted) { return $candidate }
    }
    Fail 6 "tag $TagOrganization '$(Get-Printable $Requested)' is not one of the organizations this deployment allows (ADO_ORGANIZATION_URL, ADO_ORGANIZATIONS)"
}

# The AWS CLI when installed, else AWS Tools for PowerShell (both ship on Amazon's Windows AMIs).
function Read-Secret([string]$Region, [string]$name) {
    $failure = "SSM parameter $name could not be read (the instance role needs ssm:GetParameter on it and kms:Decrypt on its key)"
    if (Get-Command aws -ErrorAction Ignore) {
        $value = & aws ssm get-parameter --region $Region --name $name --with-decryption --query Parameter.Value --output text
        if ($LASTEXITCODE -ne 0) { Fail 7 $failure }
    } elseif (Get-Command Get-SSMParameter -ErrorAction Ignore) {
        try { $value = (Get-SSMParameter -Region $Region -Name $name -WithDecryption $true).Value } catch { Fail 7 $failure }
    } else {
        Fail 3 'neither the AWS CLI nor AWS Tools for PowerShell is installed'
    }
    $value = "$value".Trim()
    if (-not $value -or $value -eq 'None') { Fail 7 "SSM parameter $name is empty" }
    if ($value.StartsWith('placeholder:')) { Fail 7 "SSM parameter $name still holds Terraform's placeholder: write the secret (docs/deployment.md)" }
    $value
}

function Get-AgentPlatform {
    if ($env:PROCESSOR_ARCHITECTURE -eq 'ARM64') { 'win-arm64' } else { 'win-x64' }
}

# @{ Url; Sha256 }: the given package, the pinned version, or the newest one the organization offers.
function Resolve-Package([string]$Organization, [string]$Pat) {
    $sha256 = "$env:AGENT_PACKAGE_SHA256"
    if ($env:AGENT_PACKAGE_URL) { return @{ Url = $env:AGENT_PACKAGE_URL; Sha256 = $sha256 } }
    $platform = Get-AgentPlatform
    if ($env:AGENT_VERSION) {
        if ($env:AGENT_VERSION -notmatch '^\d+\.\d+\.\d+$') { Fail 2 "AGENT_VERSION '$(Get-Printable $env:AGENT_VERSION)' is not MAJOR.MINOR.PATCH" }
        $base = if ($env:AGENT_DOWNLOAD_BASE_URL) { $env:AGENT_DOWNLOAD_BASE_URL } else { 'https://download.agent.dev.azure.com/agent' }
        return @{ Url = "$base/$env:AGENT_VERSION/vsts-agent-$platform-$env:AGENT_VERSION.zip"; Sha256 = $sha256 }
    }
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(":$Pat"))
    try {
        $answer = Invoke-RestMethod -UseBasicParsing -TimeoutSec 30 -Headers @{ Authorization = "Basic $basic" } `
            -Uri "$Organization/_apis/distributedtask/packages/agent?platform=$platform&top=1"
    } catch {
        Fail 8 "the agent-package API of $Organization did not answer (set AGENT_VERSION to skip it; the PAT needs Agent Pools: Read for it)"
    }
    $package = @($answer.value) | Select-Object -First 1
    if (-not $package -or -not $package.downloadUrl) { Fail 8 "the agent-package API of $Organization offered no $platform package" }
    if (-not $sha256 -and "$($package.hashValue)" -match '^[0-9A-Fa-f]{64}$') { $sha256 = $package.hashValue }
    @{ Url = $package.downloadUrl; Sha256 = $sha256 }
}

function Install-Package($Package, [string]$AgentHome, [string]$Work) {
    $archive = Join-Path $Work 'agent.zip'
    Write-Log "downloading the agent from $($Package.Url)"
    try {
        if (Test-Path -LiteralPath $Package.Url) { Copy-Item -LiteralPath $Package.Url -Destination $archive }
        else { Invoke-WebRequest -UseBasicParsing -TimeoutSec 600 -Uri $Package.Url -OutFile $archive }
    } catch {
        Fail 8 "agent package $($Package.Url) could not be downloaded: $($_.Exception.Message)"
    }
    if ($Package.Sha256) {
        $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $archive).Hash
        if ($actual -ne $Package.Sha256) { Fail 8 "agent package SHA-256 is $actual, expected $($Package.Sha256)" }
    }
    try {
        New-Item -ItemType Directory -Force -Path $AgentHome | Out-Null
        Expand-Archive -LiteralPath $archive -DestinationPath $AgentHome -Force
    } catch {
        Fail 8 "agent package could not be unpacked into ${AgentHome}: $($_.Exception.Message)"
    }
    if (-not (Test-Path (Join-Path $AgentHome 'config.cmd'))) { Fail 8 'agent package has no config.cmd: not an Azure Pipelines agent' }
}

# Before config.cmd starts the service, only LocalSystem may reach IMDS (docs/deployment.md, section
# 7): AWS's documented Windows rule, Everyone (A) but the exempt SID (D). Windows keeps it at reboot.
function Lock-InstanceMetadata([string]$Account) {
    if ($env:IMDS_LOCKDOWN -eq 'off') { Write-Log 'WARNING: IMDS_LOCKDOWN=off: every job can use the instance role'; return }
    $sid = try { (New-Object Security.Principal.NTAccount($Account)).Translate([Security.Principal.SecurityIdentifier]) } catch { $null }
    $admins = try { @(Get-LocalGroupMember -SID 'S-1-5-32-544' | Where-Object { $_.SID -eq $sid }) } catch { Fail 13 'the Administrators group could not be listed' }
    if (-not $sid -or $sid.Value -eq 'S-1-5-18' -or $admins) { Fail 13 "service account $Account is missing, LocalSystem or an administrator" }
    if (Get-NetFirewallProfile | Where-Object { -not $_.Enabled }) { Fail 13 'a Windows firewall profile is off' }
    try {
        Remove-NetFirewallRule -Name 'ado-imds-lockdown' -ErrorAction Ignore
        New-NetFirewallRule -Name 'ado-imds-lockdown' -DisplayName 'ado-ec2-lifecycle: IMDS for LocalSystem only' -Direction Outbound -Action Block `
            -Protocol TCP -RemoteAddress '169.254.169.254', 'fd00:ec2::254' -LocalUser 'O:LSD:(D;;CC;;;S-1-5-18)(A;;CC;;;S-1-1-0)' | Out-Null
    } catch { Fail 13 "the IMDS firewall rule could not be added: $($_.Exception.Message)" }
    Write-Log 'the instance metadata service now answers LocalSystem only'
}

function Main {
    $imds = if ($env:IMDS_ENDPOINT) { $env:IMDS_ENDPOINT } else { 'http://169.254.169.254' }
    $agentHome = if ($env:AGENT_HOME) { $env:AGENT_HOME } else { 'C:\azagent' }
    $serviceAccount = if ($env:AGENT_SERVICE_ACCOUNT) { $env:AGENT_SERVICE_ACCOUNT } else { 'NT AUTHORITY\NETWORK SERVICE' }
    if (@('on', 'off', $null, '') -notcontains $env:IMDS_LOCKDOWN) { Fail 2 'IMDS_LOCKDOWN must be on or off' }
    $sp = $env:ADO_AUTH -eq 'service-principal'
    if (@('pat', 'service-principal', $null, '') -notcontains $env:ADO_AUTH) { Fail 2 'ADO_AUTH must be pat or service-principal' }
    $parameter = if ($sp) { $env:ADO_CLIENT_SECRET_PARAMETER } else { $env:ADO_PAT_PARAMETER }
    if (-not $parameter) { Fail 2 'ADO_PAT_PARAMETER or ADO_CLIENT_SECRET_PARAMETER is not set' }
    # The agent-package API takes a PAT: a service principal installs a pinned version.
    if ($sp -and -not ($env:ADO_CLIENT_ID -as [guid] -and $env:ADO_TENANT_ID -match '^[\w.-]+$' -and $env:AGENT_VERSION + $env:AGENT_PACKAGE_URL)) {
        Fail 2 'service-principal needs ADO_CLIENT_ID (a GUID), ADO_TENANT_ID and AGENT_VERSION'
    }
    if (-not $env:ADO_ORGANIZATION_URL) { Fail 2 'ADO_ORGANIZATION_URL is not set' }
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { Fail 3 'must run elevated (EC2 userdata does)' }

    # config.cmd --runAsService saves .agent, then installs the service and writes .service
    # (ConfigurationManager, WindowsServiceControlManager.ConfigureService at 42bde98).
    $serviceFile = Join-Path $agentHome '.service'
    if ((Test-Path (Join-Path $agentHome '.agent')) -and (Test-Path $serviceFile)) {
        $installed = Get-Service -Name (Get-Content $serviceFile -TotalCount 1).Trim() -ErrorAction Ignore
        if ($installed) {
            Write-Log "the agent in $agentHome is already configured and its service installed; nothing to do"
            return
        }
    }
    if (Test-Path (Join-Path $agentHome '.agent')) {
        # Configured, but the service install failed: config.cmd refuses a configured folder, so drop the
        # local settings and configure again; --replace takes over the VM resource registered before.
        Write-Log "the agent in $agentHome is configured but its service is not installed (an earlier boot failed): configuring it again"
        foreach ($file in '.agent', '.credentials', '.credentials_rsaparams', '.service') {
            Remove-Item -LiteralPath (Join-Path $agentHome $file) -Force -ErrorAction Ignore
        }
    }

    Connect-Imds $imds
    $instanceId = Get-Metadata $imds 'meta-data/instance-id'
    if (-not $instanceId) { Fail 4 'no instance id in the instance metadata' }
    $region = Get-Metadata $imds 'meta-data/placement/region'
    if (-not $region) { Fail 4 'no region in the instance metadata' }
    $keys = Get-Metadata $imds 'meta-data/tags/instance'
    if ($null -eq $keys) { Fail 4 'instance tags are not in the instance metadata: set InstanceMetadataTags=enabled in the launch template' }
    $tags = @{}
    foreach ($key in ($keys -split "`r?`n")) {
        if (@($TagProject, $TagEnvironment, $TagResourceTags, $TagOrganization) -ccontains $key) {
            $tags[$key] = Get-Metadata $imds "meta-data/tags/instance/$key"
        }
    }
    $placement = Resolve-TagContract $tags $instanceId
    $project = $placement[$TagProject]
    $environment = $placement[$TagEnvironment]
    $organization = Select-Organization $placement[$TagOrganization]
    Write-Log "instance $instanceId in ${region}: project '$(Get-Printable $project)', environment '$(Get-Printable $environment)', organization $organization"

    $secret = Read-Secret $region $parameter
    $work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        Install-Package (Resolve-Package $organization $secret) $agentHome $work
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
    }

    $arguments = @('--unattended', '--environment', '--url', $organization, '--projectname', $project,
        '--environmentname', $environment, '--agent', $instanceId, '--replace', '--work', '_work',
        '--runAsService', '--windowsLogonAccount', $serviceAccount)
    $variable = 'Env:\VSTS_AGENT_INPUT_TOKEN'
    if ($sp) {
        $arguments += @('--auth', 'SP', '--clientid', $env:ADO_CLIENT_ID, '--tenantid', $env:ADO_TENANT_ID)
        $variable = 'Env:\VSTS_AGENT_INPUT_CLIENTSECRET'
    } else { $arguments += @('--auth', 'pat') }
    if ($placement.ResourceTags) {
        $arguments += @('--addvirtualmachineresourcetags', '--virtualmachineresourcetags', $placement.ResourceTags)
    }
    Lock-InstanceMetadata $serviceAccount
    Write-Log "configuring agent $instanceId for environment '$(Get-Printable $environment)' of project '$(Get-Printable $project)' in $organization"
    Set-Item $variable $secret
    $output = @()
    try {
        Push-Location $agentHome
        & .\config.cmd @arguments 2>&1 | Tee-Object -Variable output | Out-Host
        $configured = $LASTEXITCODE
    } finally {
        Pop-Location
        Remove-Item $variable -ErrorAction Ignore
        $secret = $null
    }
    if ($configured -ne 0) {
        $text = ($output | Out-String)
        if ($text -match 'already contains an agent with name') {
            Fail 11 "the environment's deployment pool already holds an agent named $instanceId (TaskAgentExistsException): delete it from the pool, then relaunch the instance"
        }
        if ($sp -and $text -match 'AADSTS|ClientSecretCredential') {
            Fail 12 "Entra refused app $env:ADO_CLIENT_ID (output above): write a valid client secret to $parameter"
        }
        if ($text -match 'VS30063|not authorized|HTTP 401') {
            Fail 12 "$organization refused the credential in $parameter (PAT expired, revoked or for another organization; service principal not in the organization or environment)"
        }
        if ($text -match 'Environment not found') {
            Fail 9 "config.cmd failed: environment '$(Get-Printable $environment)' does not exist in project '$(Get-Printable $project)', or the credential cannot see it"
        }
        Fail 9 'config.cmd failed (output above): check that the environment exists and the credential may manage it'
    }
    # config.cmd --runAsService installs the service, starts it, and writes its name to .service.
    $service = if (Test-Path $serviceFile) { Get-Service -Name (Get-Content $serviceFile -TotalCount 1).Trim() -ErrorAction Ignore }
    if (-not $service) { Fail 10 'config.cmd installed no agent service (no .service file, or no service of that name)' }
    if ($service.Status -ne 'Running') {
        try { Start-Service -InputObject $service } catch { Fail 10 "the agent service $($service.Name) could not be started: $($_.Exception.Message)" }
    }
    Write-Log "registered $instanceId in environment '$(Get-Printable $environment)' and started service $($service.Name) as $serviceAccount"
}

Main
