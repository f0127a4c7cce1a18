# The agent instances: an instance role that may read its registration scope's PAT (a group that
# registers elsewhere needs a role of its own, with that scope's policy), launch templates that
# require IMDSv2 and expose the instance tags in the metadata, and Auto Scaling groups with the
# AzDevOps-* tags.
data "aws_iam_policy_document" "instance_assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "agent" {
  name               = "${var.name}-agent"
  description        = "Azure DevOps agent instances of ${var.name}"
  assume_role_policy = data.aws_iam_policy_document.instance_assume.json
}

resource "aws_iam_role_policy_attachment" "agent_registration" {
  role       = aws_iam_role.agent.name
  policy_arn = module.ado_ec2_lifecycle.agent_registration_policy_arns[local.registration_scope]
}

# Session Manager instead of SSH: the security group admits no inbound traffic.
resource "aws_iam_role_policy_attachment" "agent_session_manager" {
  role       = aws_iam_role.agent.name
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "agent" {
  name = "${var.name}-agent"
  role = aws_iam_role.agent.name
}

data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-${local.linux_architecture}"
}

resource "aws_launch_template" "linux" {
  name                   = "${var.name}-linux"
  image_id               = data.aws_ssm_parameter.al2023.value
  instance_type          = var.instance_type
  vpc_security_group_ids = [aws_security_group.agents.id]
  # cloud-init unpacks gzip userdata, which keeps the script well inside EC2's 16 KB limit.
  user_data              = base64gzip(local.linux_userdata)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.agent.arn
  }

  # The userdata reads the instance id, region and tags with IMDSv2 tokens only.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/xvda"
    ebs {
      volume_size           = 30
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  lifecycle {
    precondition {
      condition     = ceil(length(base64gzip(local.linux_userdata)) * 3 / 4) <= 16384
      error_message = "The compressed Linux userdata exceeds EC2's 16 KB limit."
    }
    # The agent-package API that finds the newest version takes a PAT.
    precondition {
      condition     = var.registration_auth == "pat" || var.agent_version != ""
      error_message = "registration_auth = service-principal needs agent_version: the newest version is found with a PAT only."
    }
  }
}

resource "aws_autoscaling_group" "linux" {
  name                = "${var.name}-linux"
  vpc_zone_identifier = aws_subnet.private[*].id
  min_size            = 0
  max_size            = max(var.desired_capacity, 1) * 2
  desired_capacity    = var.desired_capacity
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.linux.id
    version = aws_launch_template.linux.latest_version
  }

  dynamic "tag" {
    for_each = merge(local.placement_tags, { Name = "${var.name}-linux-agent" })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}

data "aws_ssm_parameter" "windows" {
  count = var.windows_agents_enabled ? 1 : 0

  name = "/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base"
}

resource "aws_launch_template" "windows" {
  count = var.windows_agents_enabled ? 1 : 0

  name                   = "${var.name}-windows"
  image_id               = data.aws_ssm_parameter.windows[0].value
  instance_type          = var.windows_instance_type
  vpc_security_group_ids = [aws_security_group.agents.id]
  user_data              = base64encode(local.windows_userdata)
  update_default_version = true

  iam_instance_profile {
    arn = aws_iam_instance_profile.agent.arn
  }

  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "enabled"
  }

  monitoring {
    enabled = true
  }

  block_device_mappings {
    device_name = "/dev/sda1"
    ebs {
      volume_size           = 50
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  lifecycle {
    precondition {
      condition     = length(local.windows_userdata) <= 16384
      error_message = "The Windows userdata exceeds EC2's 16 KB limit."
    }
  }
}

resource "aws_autoscaling_group" "windows" {
  count = var.windows_agents_enabled ? 1 : 0

  name                = "${var.name}-windows"
  vpc_zone_identifier = aws_subnet.private[*].id
  min_size            = 0
  max_size            = 2
  desired_capacity    = 1
  health_check_type   = "EC2"

  launch_template {
    id      = aws_launch_template.windows[0].id
    version = aws_launch_template.windows[0].latest_version
  }

  dynamic "tag" {
    for_each = merge(local.placement_tags, {
      Name                                = "${var.name}-windows-agent"
      "AzDevOps-Environment-ResourceTags" = "windows"
    })
    content {
      key                 = tag.key
      value               = tag.value
      propagate_at_launch = true
    }
  }
}
