variable "name" {
  description = "Prefix of every resource name (Lambda functions, table, queues, topic, roles, parameters)."
  type        = string
  default     = "ado-ec2-lifecycle"

  validation {
    condition     = can(regex("^[A-Za-z][A-Za-z0-9-]{1,38}$", var.name))
    error_message = "name must be 2-39 characters: a letter, then letters, digits or hyphens (it prefixes Lambda function names, which are at most 64 characters)."
  }
}

variable "lambda_jar_path" {
  description = "Path of the built function jar (function/target/ado-ec2-lifecycle-function.jar, from `./mvnw -B -DskipTests package -pl function -am`)."
  type        = string

  validation {
    condition     = endswith(var.lambda_jar_path, ".jar")
    error_message = "lambda_jar_path must name the built .jar file (function/target/ado-ec2-lifecycle-function.jar)."
  }
}

variable "architecture" {
  description = "Instruction set of the Lambda functions: arm64 (cheaper per GB-second) or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "snap_start_enabled" {
  description = "Turn on Lambda SnapStart for published versions (the triggers always invoke the `live` alias, which points at the latest published version)."
  type        = bool
  default     = true
}

variable "azure_devops_organization_url" {
  description = "Default Azure DevOps organization: a name (contoso) or URL (https://dev.azure.com/contoso). Used when an instance has no AzDevOps-Organization tag."
  type        = string

  validation {
    condition     = can(regex("^(https://[^\\s/]+(/[^\\s/]+)*/?|[A-Za-z0-9][A-Za-z0-9-]*)$", var.azure_devops_organization_url))
    error_message = "azure_devops_organization_url must be an organization name (letters, digits, hyphens) or an https:// URL."
  }
}

variable "azure_devops_organizations" {
  description = "Further organizations (names or https:// URLs) that an AzDevOps-Organization tag may choose. A tag can only choose among these and the default, so no tag can send the PAT elsewhere."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for org in var.azure_devops_organizations : can(regex("^(https://[^\\s/,]+(/[^\\s/,]+)*/?|[A-Za-z0-9][A-Za-z0-9-]*)$", org))])
    error_message = "Each of azure_devops_organizations must be an organization name or an https:// URL, without commas."
  }
}

variable "registration_scopes" {
  description = "Registration scopes, by name: each has its own registration credential parameter under /<name>/registration/<scope>/ and its own instance policy (output agent_registration_policy_arns) reading that parameter only, so an instance can register only into its scope's environments. `environments` lists them as organization/project/environment; the credential's identity should manage those and no others (docs/deployment.md). `auth` is what the agent registers with: pat (a PAT in .../azure-devops-pat) or service-principal (the agent's --auth SP: an Entra app, `entra_tenant_id` and `entra_client_id`, whose client secret is in .../entra-client-secret). One scope per environment is the tightest; a group of environments shares one credential."
  type = map(object({
    environments    = list(string)
    auth            = optional(string, "pat")
    entra_tenant_id = optional(string)
    entra_client_id = optional(string)
  }))

  validation {
    condition     = length(var.registration_scopes) > 0 && alltrue([for scope in keys(var.registration_scopes) : can(regex("^[A-Za-z0-9_.-]{1,64}$", scope))])
    error_message = "registration_scopes needs at least one scope, each named with 1-64 letters, digits, '_', '.' or '-' (the name is part of a parameter path and a policy name)."
  }

  validation {
    condition     = alltrue([for scope in values(var.registration_scopes) : length(scope.environments) > 0 && alltrue([for entry in scope.environments : length(split("/", entry)) >= 3])])
    error_message = "Each registration scope must list at least one environment, each as organization/project/environment."
  }

  validation {
    condition     = alltrue([for scope in values(var.registration_scopes) : contains(["pat", "service-principal"], scope.auth)])
    error_message = "Each registration scope's auth must be pat or service-principal."
  }

  validation {
    condition = alltrue([for scope in values(var.registration_scopes) : scope.auth == "service-principal" ? (
      can(regex("^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$", scope.entra_client_id))
      && can(regex("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$", scope.entra_tenant_id))
    ) : scope.entra_client_id == null && scope.entra_tenant_id == null])
    error_message = "A service-principal registration scope needs entra_client_id (the app's GUID) and entra_tenant_id (the tenant's GUID or verified domain); a pat scope takes neither."
  }
}

variable "pat_cache_seconds" {
  description = "How long the function caches the PAT read from SSM; after a 401 it re-reads it at once."
  type        = number
  default     = 300

  validation {
    condition     = var.pat_cache_seconds >= 1 && floor(var.pat_cache_seconds) == var.pat_cache_seconds
    error_message = "pat_cache_seconds must be a positive whole number."
  }
}

variable "record_retention_days" {
  description = "How long a final registration record (a tombstone) stays in DynamoDB before its TTL removes it."
  type        = number
  default     = 30

  validation {
    condition     = var.record_retention_days >= 1 && floor(var.record_retention_days) == var.record_retention_days
    error_message = "record_retention_days must be a positive whole number."
  }
}

variable "azure_devops_timeout_seconds" {
  description = "Timeout of each Azure DevOps REST request made by the function. Azure DevOps answers a throttled request up to 30 s late instead of refusing it, so the timeout must exceed 30 s; it is cut to what the invocation has left."
  type        = number
  default     = 45

  validation {
    condition     = var.azure_devops_timeout_seconds > 30 && var.azure_devops_timeout_seconds <= 60
    error_message = "azure_devops_timeout_seconds must be more than 30 (Azure DevOps delays a throttled answer by up to 30 s) and at most 60 (the functions' Lambda timeout)."
  }
}

variable "autoscaling_group_names" {
  description = "Auto Scaling groups whose instances this deployment manages: it adds lifecycle hooks (and ASG notifications) to them, and the function may complete lifecycle actions on these groups only."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for asg in var.autoscaling_group_names : can(regex("^[^:*]{1,255}$", asg))])
    error_message = "Each Auto Scaling group name must be 1-255 characters without ':' or '*'."
  }
}

variable "lifecycle_hooks_enabled" {
  description = "Add launch and terminate lifecycle hooks to the named groups (the preferred path: a terminating instance waits until its VM resource is removed and its running job has drained)."
  type        = bool
  default     = true
}

variable "launch_hook_timeout_seconds" {
  description = "Heartbeat timeout of the launch hook: how long a new instance may take to show up online in its environment before the hook's default result applies."
  type        = number
  default     = 900

  validation {
    condition     = var.launch_hook_timeout_seconds >= 30 && var.launch_hook_timeout_seconds <= 7200
    error_message = "launch_hook_timeout_seconds must be between 30 and 7200 (the Auto Scaling limits)."
  }
}

variable "terminate_hook_timeout_seconds" {
  description = "Heartbeat timeout of the terminate hook: how long a terminating instance waits between the function's heartbeats while a deployment job drains."
  type        = number
  default     = 600

  validation {
    condition     = var.terminate_hook_timeout_seconds >= 30 && var.terminate_hook_timeout_seconds <= 7200
    error_message = "terminate_hook_timeout_seconds must be between 30 and 7200 (the Auto Scaling limits)."
  }
}

variable "registration_timeout_seconds" {
  description = "How long a launching instance may take to show up online in its environment before the function abandons its launch (Auto Scaling then replaces it)."
  type        = number
  default     = 600

  validation {
    condition     = var.registration_timeout_seconds >= 60 && var.registration_timeout_seconds <= 86400
    error_message = "registration_timeout_seconds must be between 60 and 86400."
  }
}

variable "drain_limit_seconds" {
  description = "How long a running deployment job may hold a terminating instance before its VM resource is removed anyway. Must stay under the terminate hook's global timeout (100 heartbeat timeouts or 48 hours, whichever is smaller)."
  type        = number
  default     = 3600

  validation {
    condition     = var.drain_limit_seconds >= 60 && var.drain_limit_seconds <= 172800
    error_message = "drain_limit_seconds must be between 60 and 172800 (48 hours, Auto Scaling's longest hold)."
  }
}

variable "recheck_interval_seconds" {
  description = "Delay between two looks at a held instance (a delayed SQS message to the function's own queue). Together with the lifecycle queue's visibility timeout it must stay under three quarters of the shorter hook timeout, so no action times out after a failed look."
  type        = number
  default     = 30

  validation {
    condition     = var.recheck_interval_seconds >= 1 && var.recheck_interval_seconds <= 900
    error_message = "recheck_interval_seconds must be between 1 and 900 (SQS's longest delivery delay)."
  }
}

variable "hook_default_result" {
  description = "What Auto Scaling does when a hook times out without an answer from the function. CONTINUE keeps capacity if the function is down; the function itself answers ABANDON for a launch that never registered."
  type        = string
  default     = "CONTINUE"

  validation {
    condition     = contains(["CONTINUE", "ABANDON"], var.hook_default_result)
    error_message = "hook_default_result must be CONTINUE or ABANDON."
  }
}

variable "asg_notifications_enabled" {
  description = "Also send the groups' Auto Scaling notifications (LAUNCH, TERMINATE and their errors) through SNS to the asg-notifications function: the original path, for a migration. With lifecycle hooks on, it duplicates their events (harmless, but twice the work)."
  type        = bool
  default     = false
}

variable "ec2_events_enabled" {
  description = "Route EC2 Spot interruption warnings and instance state changes to `terminated` to the lifecycle queue: the safety net for instances that leave without a terminate hook."
  type        = bool
  default     = true
}

variable "reconcile_environments" {
  description = "Environments the reconciler always manages, as organization/project/environment (the organization a name or URL, one of the configured ones), even when no record names them yet."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for entry in var.reconcile_environments : length(split("/", entry)) >= 3])
    error_message = "Each reconcile_environments entry must be organization/project/environment."
  }
}

variable "reconcile_confirm_minutes" {
  description = "Least time between the reconciler's two sightings of an instance gone before it deletes its VM resource (a rebooting agent is not a dead one)."
  type        = number
  default     = 4

  validation {
    condition     = var.reconcile_confirm_minutes >= 1 && var.reconcile_confirm_minutes <= 1440
    error_message = "reconcile_confirm_minutes must be between 1 and 1440."
  }
}

variable "reconcile_boot_grace_minutes" {
  description = "How long an instance may take to register: a launching record younger than this is left alone, and a running instance older than this without a VM resource is reported."
  type        = number
  default     = 15

  validation {
    condition     = var.reconcile_boot_grace_minutes >= 1 && var.reconcile_boot_grace_minutes <= 1440
    error_message = "reconcile_boot_grace_minutes must be between 1 and 1440."
  }
}

variable "reconcile_schedule_expression" {
  description = "EventBridge schedule of the reconciler, which removes VM resources of instances that are gone and reports instances that never registered."
  type        = string
  default     = "rate(15 minutes)"

  validation {
    condition     = can(regex("^(rate|cron)\\(.+\\)$", var.reconcile_schedule_expression))
    error_message = "reconcile_schedule_expression must be a rate(...) or cron(...) expression."
  }
}

variable "queue_batch_size" {
  description = "Most lifecycle-queue messages handed to one invocation."
  type        = number
  default     = 10

  validation {
    condition     = var.queue_batch_size >= 1 && var.queue_batch_size <= 10
    error_message = "queue_batch_size must be between 1 and 10."
  }
}

variable "queue_maximum_concurrency" {
  description = "Most concurrent invocations the lifecycle queue drives; it also paces the calls made to Azure DevOps."
  type        = number
  default     = 5

  validation {
    condition     = var.queue_maximum_concurrency >= 2 && var.queue_maximum_concurrency <= 1000
    error_message = "queue_maximum_concurrency must be between 2 and 1000 (the SQS event source limits)."
  }
}

variable "queue_max_receive_count" {
  description = "Deliveries of a lifecycle-queue message before it moves to the dead-letter queue."
  type        = number
  default     = 5

  validation {
    condition     = var.queue_max_receive_count >= 1 && var.queue_max_receive_count <= 1000
    error_message = "queue_max_receive_count must be between 1 and 1000."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions per function. The reconciler keeps 1 so that two passes never overlap; the others bound the load on Azure DevOps. Lambda keeps 100 of an account's concurrency unreserved, so the account limit must exceed 100 + their sum."
  type = object({
    asg_notifications = number
    lifecycle_queue   = number
    reconciler        = number
  })
  default = {
    asg_notifications = 5
    lifecycle_queue   = 5
    reconciler        = 1
  }

  validation {
    condition     = var.reserved_concurrency.reconciler == 1 && var.reserved_concurrency.asg_notifications >= 1 && var.reserved_concurrency.lifecycle_queue >= 2
    error_message = "reserved_concurrency.reconciler must be 1 (passes must not overlap), asg_notifications at least 1 and lifecycle_queue at least 2."
  }
}

variable "log_retention_days" {
  description = "Retention of the functions' CloudWatch log groups."
  type        = number
  default     = 365

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653)."
  }
}

variable "alarm_actions" {
  description = "ARNs (SNS topics) notified when an alarm fires and when it clears."
  type        = list(string)
  default     = []
}

variable "orphan_alarm_threshold" {
  description = "The orphan alarm fires when one reconciler pass finds more than this many VM resources whose instance is gone (the reconciler removes them; a steady count means the terminate path is broken)."
  type        = number
  default     = 0
}

variable "kms_key_deletion_window_days" {
  description = "Waiting period before the module's KMS key is deleted after a destroy."
  type        = number
  default     = 30

  validation {
    condition     = var.kms_key_deletion_window_days >= 7 && var.kms_key_deletion_window_days <= 30
    error_message = "kms_key_deletion_window_days must be between 7 and 30."
  }
}

variable "table_deletion_protection" {
  description = "Protect the registration table from deletion (turn off before `terraform destroy`)."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Tags added to every resource that takes tags."
  type        = map(string)
  default     = {}
}

variable "azure_devops_auth_mode" {
  description = "How the functions authenticate to Azure DevOps: pat (a PAT in SSM), service-principal (an Entra app's client secret or certificate in SSM) or workload-identity (the function role's AWS-signed token exchanged at Entra: nothing stored). docs/deployment.md walks through the Entra side."
  type        = string
  default     = "pat"

  validation {
    condition     = contains(["pat", "service-principal", "workload-identity"], var.azure_devops_auth_mode)
    error_message = "azure_devops_auth_mode must be pat, service-principal or workload-identity."
  }
}

variable "entra_tenant_id" {
  description = "Directory (tenant) id of the Entra app the functions act as (service-principal and workload-identity modes)."
  type        = string
  default     = null

  validation {
    condition     = var.entra_tenant_id == null || can(regex("^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$", var.entra_tenant_id))
    error_message = "entra_tenant_id must be the tenant's GUID or its verified domain name."
  }
}

variable "entra_client_id" {
  description = "Application (client) id of the Entra app the functions act as (service-principal and workload-identity modes)."
  type        = string
  default     = null

  validation {
    condition     = var.entra_client_id == null || can(regex("^[0-9a-fA-F-]{36}$", var.entra_client_id))
    error_message = "entra_client_id must be the app's GUID."
  }
}

variable "entra_authority_url" {
  description = "Entra authority of the tenant's cloud: https://login.microsoftonline.com (public), https://login.microsoftonline.us (US Government), https://login.partner.microsoftonline.cn (China)."
  type        = string
  default     = "https://login.microsoftonline.com"

  validation {
    condition     = can(regex("^https://[^\\s/]+/?$", var.entra_authority_url))
    error_message = "entra_authority_url must be an https:// URL without a path."
  }
}

variable "entra_client_credential" {
  description = "In service-principal mode, what the module's SSM parameter holds: secret (the client secret's value) or certificate (an unencrypted PKCS#8 private key and its certificate, as PEM)."
  type        = string
  default     = "secret"

  validation {
    condition     = contains(["secret", "certificate"], var.entra_client_credential)
    error_message = "entra_client_credential must be secret or certificate."
  }
}

variable "entra_federation_audience" {
  description = "In workload-identity mode, the audience of the role's web identity token; the app's federated credential must list it (Entra's recommended value is api://AzureADTokenExchange)."
  type        = string
  default     = "api://AzureADTokenExchange"
}

variable "entra_assertion_seconds" {
  description = "In workload-identity mode, the lifetime of the role's web identity token (60-3600); the role may ask for no longer."
  type        = number
  default     = 300

  validation {
    condition     = var.entra_assertion_seconds >= 60 && var.entra_assertion_seconds <= 3600 && floor(var.entra_assertion_seconds) == var.entra_assertion_seconds
    error_message = "entra_assertion_seconds must be a whole number from 60 to 3600."
  }
}

variable "enable_outbound_identity_federation" {
  description = "In workload-identity mode, turn on IAM outbound identity federation for the whole AWS account (one per account: leave false if it is already on or managed elsewhere)."
  type        = bool
  default     = false
}

variable "dashboard_enabled" {
  description = "Create a CloudWatch dashboard named after the module (var.name): alarms, the functions' own metrics, Lambda, queues and an error log query."
  type        = bool
  default     = true

}
