terraform {
  required_version = ">= 1.5.0"

  required_providers {
    # 6.36.0: the aws_iam_outbound_web_identity_federation data source (the resource came in 6.26.0).
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.36.0, < 7.0.0"
    }
  }
}
