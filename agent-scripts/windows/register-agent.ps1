# EC2 userdata (Windows Server, Windows PowerShell 5.1 or PowerShell 7): registers this instance as
# a VM resource of an Azure DevOps environment, named after its instance id and placed by its
# AzDevOps-* tags, and runs the Azure Pipelines agent as a Windows service under NETWORK SERVICE
# (not an administrator; the agent's own default for environment VMs is LocalSystem: see
# docs/deployment.md for why and how to choose it). The twin of agent-scripts/linux/register-agent.sh: the same settings
# (environment variables; agent-scripts/README.md), steps, log lines and exit codes, plus
# AGENT_SERVICE_ACCOUNT. AGENT_HOME defaults to C:\azagent.
#
# The PAT goes from SSM into a variable and from there only into the environment of config.cmd
# (VSTS_AGENT_INPUT_TOKEN), removed right after: never onto a command line, into a file or a log line.

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

function Stop-Registration([int]$Code, [string]$Message) {
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
    Stop-Registration 4 "no IMDSv2 token from $Endpoint (is the instance metadata service enabled?)"
}

# A metadata item, or $null when it does not exist (404).
function Get-Metadata([string]$Endpoint, [string]$Path) {
    try {
        [string](Invoke-RestMethod -UseBasicParsing -TimeoutSec 10 -Uri "$Endpoint/latest/$Path" `
                -Headers @{ 'X-aws-ec2-metadata-token' = $script:ImdsToken })
    } catch {
        if ((Get-StatusCode $_) -eq 404) { return $null }
        Stop-Registration 4 "instance metadata $Path could not be read from ${Endpoint}: $($_.Exception.Message)"
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

# A tag can only choose among the configured organizations, so no tag can send the PAT elsewhere.
function Select-Organization([string]$Requested) {
    $default = ConvertTo-CanonicalOrganization $env:ADO_ORGANIZATION_URL
    if (-not $default) { Stop-Registration 2 "ADO_ORGANIZATION_URL '$(Get-Printable $env:ADO_ORGANIZATION_URL)' is neither an organization name nor an https URL" }
    if (-not $Requested) { return $default }
    $allowed = @($default)
    foreach ($candidate in "$env:ADO_ORGANIZATIONS".Split(',')) {
        if (-not $candidate.Trim()) { continue }
        $canonical = ConvertTo-CanonicalOrganization $candidate
        if (-not $canonical) { Stop-Registration 2 "ADO_ORGANIZATIONS holds '$(Get-Printable $candidate)', neither an organization name nor an https URL" }
        $allowed += $canonical
    }
    $wanted = ConvertTo-CanonicalOrganization $Requested
    if (-not $wanted) { Stop-Registration 6 "tag $TagOrganization '$(Get-Printable $Requested)' is neither an organization name nor an https URL" }
    foreach ($candidate in $allowed) {
        if ($candidate -eq $wanted) { return $candidate }
    }
    Stop-Registration 6 "tag $TagOrganization '$(Get-Printable $Requested)' is not one of the organizations this deployment allows (ADO_ORGANIZATION_URL, ADO_ORGANIZATIONS)"
}

# The AWS CLI when installed, else AWS Tools for PowerShell (both ship on Amazon's Windows AMIs).
function Read-Pat([string]$Region) {
    $name = $env:ADO_PAT_PARAMETER
    $failure = "SSM parameter $name could not be read (the instance role needs ssm:GetParameter on it and kms:Decrypt on its key)"
    if (Get-Command aws -ErrorAction SilentlyContinue) {
        $value = & aws ssm get-parameter --region $Region --name $name --with-decryption --query Parameter.Value --output text
        if ($LASTEXITCODE -ne 0) { Stop-Registration 7 $failure }
    } elseif (Get-Command Get-SSMParameter -ErrorAction SilentlyContinue) {
        try { $value = (Get-SSMParameter -Region $Region -Name $name -WithDecryption $true).Value } catch { Stop-Registration 7 $failure }
    } else {
        Stop-Registration 3 'neither the AWS CLI nor AWS Tools for PowerShell is installed'
    }
    $value = "$value".Trim()
    if (-not $value -or $value -eq 'None') { Stop-Registration 7 "SSM parameter $name is empty" }
    if ($value.StartsWith('placeholder:')) { Stop-Registration 7 "SSM parameter $name still holds Terraform's placeholder: write the PAT (docs/deployment.md)" }
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
        if ($env:AGENT_VERSION -notmatch '^\d+\.\d+\.\d+$') { Stop-Registration 2 "AGENT_VERSION '$(Get-Printable $env:AGENT_VERSION)' is not MAJOR.MINOR.PATCH" }
        $base = if ($env:AGENT_DOWNLOAD_BASE_URL) { $env:AGENT_DOWNLOAD_BASE_URL } else { 'https://download.agent.dev.azure.com/agent' }
        return @{ Url = "$base/$env:AGENT_VERSION/vsts-agent-$platform-$env:AGENT_VERSION.zip"; Sha256 = $sha256 }
    }
    $basic = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes(":$Pat"))
    try {
        $answer = Invoke-RestMethod -UseBasicParsing -TimeoutSec 30 -Headers @{ Authorization = "Basic $basic" } `
            -Uri "$Organization/_apis/distributedtask/packages/agent?platform=$platform&top=1"
    } catch {
        Stop-Registration 8 "the agent-package API of $Organization did not answer (set AGENT_VERSION to skip it; the PAT needs Agent Pools: Read for it)"
    }
    $package = @($answer.value) | Select-Object -First 1
    if (-not $package -or -not $package.downloadUrl) { Stop-Registration 8 "the agent-package API of $Organization offered no $platform package" }
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
        Stop-Registration 8 "agent package $($Package.Url) could not be downloaded: $($_.Exception.Message)"
    }
    if ($Package.Sha256) {
        $actual = (Get-FileHash -Algorithm SHA256 -LiteralPath $archive).Hash
        if ($actual -ne $Package.Sha256) { Stop-Registration 8 "agent package SHA-256 is $actual, expected $($Package.Sha256)" }
    }
    try {
        New-Item -ItemType Directory -Force -Path $AgentHome | Out-Null
        Expand-Archive -LiteralPath $archive -DestinationPath $AgentHome -Force
    } catch {
        Stop-Registration 8 "agent package could not be unpacked into ${AgentHome}: $($_.Exception.Message)"
    }
    if (-not (Test-Path (Join-Path $AgentHome 'config.cmd'))) { Stop-Registration 8 'agent package has no config.cmd: not an Azure Pipelines agent' }
}

function Main {
    $imds = if ($env:IMDS_ENDPOINT) { $env:IMDS_ENDPOINT } else { 'http://169.254.169.254' }
    $agentHome = if ($env:AGENT_HOME) { $env:AGENT_HOME } else { 'C:\azagent' }
    $serviceAccount = if ($env:AGENT_SERVICE_ACCOUNT) { $env:AGENT_SERVICE_ACCOUNT } else { 'NT AUTHORITY\NETWORK SERVICE' }
    if (-not $env:ADO_PAT_PARAMETER) { Stop-Registration 2 'ADO_PAT_PARAMETER is not set' }
    if (-not $env:ADO_ORGANIZATION_URL) { Stop-Registration 2 'ADO_ORGANIZATION_URL is not set' }
    $principal = New-Object Security.Principal.WindowsPrincipal([Security.Principal.WindowsIdentity]::GetCurrent())
    if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) { Stop-Registration 3 'must run elevated (EC2 userdata does)' }

    # config.cmd --runAsService saves .agent, then installs the service and writes .service
    # (ConfigurationManager, WindowsServiceControlManager.ConfigureService at 42bde98).
    $serviceFile = Join-Path $agentHome '.service'
    if ((Test-Path (Join-Path $agentHome '.agent')) -and (Test-Path $serviceFile)) {
        $installed = Get-Service -Name (Get-Content $serviceFile -TotalCount 1).Trim() -ErrorAction SilentlyContinue
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
            Remove-Item -LiteralPath (Join-Path $agentHome $file) -Force -ErrorAction SilentlyContinue
        }
    }

    Connect-Imds $imds
    $instanceId = Get-Metadata $imds 'meta-data/instance-id'
    if (-not $instanceId) { Stop-Registration 4 'no instance id in the instance metadata' }
    $region = Get-Metadata $imds 'meta-data/placement/region'
    if (-not $region) { Stop-Registration 4 'no region in the instance metadata' }
    $keys = Get-Metadata $imds 'meta-data/tags/instance'
    if ($null -eq $keys) { Stop-Registration 4 'instance tags are not in the instance metadata: set InstanceMetadataTags=enabled in the launch template' }
    $tags = @{}
    foreach ($key in ($keys -split "`r?`n")) {
        if (@($TagProject, $TagEnvironment, $TagResourceTags, $TagOrganization) -ccontains $key) {
            $tags[$key] = Get-Metadata $imds "meta-data/tags/instance/$key"
        }
    }
    $project = $tags[$TagProject]
    $environment = $tags[$TagEnvironment]
    if (-not $project -or -not $environment) {
        Stop-Registration 5 "instance $instanceId lacks the $TagProject or $TagEnvironment tag: tag the Auto Scaling group (propagate at launch)"
    }
    $organization = Select-Organization $tags[$TagOrganization]
    Write-Log "instance $instanceId in ${region}: project '$(Get-Printable $project)', environment '$(Get-Printable $environment)', organization $organization"

    $pat = Read-Pat $region
    $work = Join-Path ([IO.Path]::GetTempPath()) ([Guid]::NewGuid().ToString('n'))
    New-Item -ItemType Directory -Path $work | Out-Null
    try {
        Install-Package (Resolve-Package $organization $pat) $agentHome $work
    } finally {
        Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction SilentlyContinue
    }

    $arguments = @('--unattended', '--environment', '--url', $organization, '--projectname', $project,
        '--environmentname', $environment, '--agent', $instanceId, '--replace', '--auth', 'pat', '--work', '_work',
        '--runAsService', '--windowsLogonAccount', $serviceAccount)
    $resourceTags = $tags[$TagResourceTags]
    if ($resourceTags -and ($resourceTags -replace '[\s,]', '')) {
        $arguments += @('--addvirtualmachineresourcetags', '--virtualmachineresourcetags', $resourceTags)
    }
    Write-Log "configuring agent $instanceId for environment '$(Get-Printable $environment)' of project '$(Get-Printable $project)' in $organization"
    $env:VSTS_AGENT_INPUT_TOKEN = $pat
    $output = @()
    try {
        Push-Location $agentHome
        & .\config.cmd @arguments 2>&1 | Tee-Object -Variable output | Out-Host
        $configured = $LASTEXITCODE
    } finally {
        Pop-Location
        Remove-Item Env:\VSTS_AGENT_INPUT_TOKEN -ErrorAction SilentlyContinue
        $pat = $null
    }
    if ($configured -ne 0) {
        $text = ($output | Out-String)
        if ($text -match 'already contains an agent with name') {
            Stop-Registration 11 "the environment's deployment pool already holds an agent named $instanceId (TaskAgentExistsException, agent issues 5174, 5299): delete that agent from the pool, then relaunch the instance"
        }
        if ($text -match 'VS30063|not authorized|HTTP 401') {
            Stop-Registration 12 "$organization refused the PAT (expired, revoked, or made for another organization): write a valid PAT to $($env:ADO_PAT_PARAMETER)"
        }
        if ($text -match 'Environment not found') {
            Stop-Registration 9 "config.cmd failed: environment '$(Get-Printable $environment)' does not exist in project '$(Get-Printable $project)', or the PAT cannot see it"
        }
        Stop-Registration 9 'config.cmd failed (output above): check that the environment exists and the PAT has Environment: Read & manage'
    }
    # config.cmd --runAsService installs the service, starts it, and writes its name to .service.
    $service = if (Test-Path $serviceFile) { Get-Service -Name (Get-Content $serviceFile -TotalCount 1).Trim() -ErrorAction SilentlyContinue }
    if (-not $service) { Stop-Registration 10 'config.cmd installed no agent service (no .service file, or no service of that name)' }
    if ($service.Status -ne 'Running') {
        try { Start-Service -InputObject $service } catch { Stop-Registration 10 "the agent service $($service.Name) could not be started: $($_.Exception.Message)" }
    }
    Write-Log "registered $instanceId in environment '$(Get-Printable $environment)' and started service $($service.Name) as $serviceAccount"
}

Main
