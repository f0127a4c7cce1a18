variable "region" {
  description = "AWS region to deploy into."
  type        = string
  default     = "eu-west-1"
}

variable "name" {
  description = "Prefix of every resource name."
  type        = string
  default     = "ado-ec2-lifecycle"
}

variable "azure_devops_organization_url" {
  description = "Azure DevOps organization (name or https:// URL) the agents register in."
  type        = string
}

variable "azure_devops_project" {
  description = "Project of the environment (the ASG's AzDevOps-Project tag)."
  type        = string
}

variable "azure_devops_environment" {
  description = "Environment the instances register in (the ASG's AzDevOps-Environment tag); it must exist."
  type        = string
}

variable "resource_tags" {
  description = "Tags of the VM resources (the ASG's AzDevOps-Environment-ResourceTags tag, comma-separated)."
  type        = string
  default     = "web,linux"
}

variable "agent_version" {
  description = "Azure Pipelines agent version the userdata installs (e.g. 4.261.0). Empty: the newest one, resolved from the organization's agent-package API (the registration PAT then needs Agent Pools: Read; with registration_auth = service-principal a version is required)."
  type        = string
  default     = ""

  validation {
    condition     = can(regex("^([0-9]+\\.[0-9]+\\.[0-9]+)?$", var.agent_version))
    error_message = "agent_version must be empty or MAJOR.MINOR.PATCH."
  }
}

variable "architecture" {
  description = "Instruction set of the agent instances and the Lambda functions: arm64 or x86_64."
  type        = string
  default     = "arm64"

  validation {
    condition     = contains(["arm64", "x86_64"], var.architecture)
    error_message = "architecture must be arm64 or x86_64."
  }
}

variable "instance_type" {
  description = "Instance type of the Linux agents (must match architecture)."
  type        = string
  default     = "t4g.small"
}

variable "desired_capacity" {
  description = "Number of Linux agent instances."
  type        = number
  default     = 2
}

variable "windows_agents_enabled" {
  description = "Also create a group of Windows Server agents (x86_64) registered by the PowerShell userdata."
  type        = bool
  default     = false
}

variable "windows_instance_type" {
  description = "Instance type of the Windows agents."
  type        = string
  default     = "t3.medium"
}

variable "vpc_cidr" {
  description = "Address range of the example VPC."
  type        = string
  default     = "10.42.0.0/16"
}

variable "availability_zones" {
  description = "Zones of the subnets (one public and one private subnet each). Empty: the region's zones a and b."
  type        = list(string)
  default     = []
}

variable "alarm_email" {
  description = "Address subscribed to the alarm topic (empty: no subscription)."
  type        = string
  default     = ""
}

variable "registration_auth" {
  description = "What the agents register with: pat (a PAT in the scope's SSM parameter) or service-principal (the agent's --auth SP: an Entra app, registration_entra_tenant_id and registration_entra_client_id, its client secret in the scope's SSM parameter; docs/deployment.md)."
  type        = string
  default     = "pat"

  validation {
    condition     = contains(["pat", "service-principal"], var.registration_auth)
    error_message = "registration_auth must be pat or service-principal."
  }
}

variable "registration_entra_tenant_id" {
  description = "With registration_auth = service-principal: the directory (tenant) id or verified domain of the app the agents register as."
  type        = string
  default     = null
}

variable "registration_entra_client_id" {
  description = "With registration_auth = service-principal: the application (client) id of the app the agents register as."
  type        = string
  default     = null
}
