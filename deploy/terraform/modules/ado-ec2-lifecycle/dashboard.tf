locals {
  # One search per metric the functions emit (functions.json "emitted": metric => its one dimension):
  # a line per dimension value that occurred, so a new Result or Action shows up without a change here.
  # Counts are summed; a metric of measured values (latency) is charted by its statistic in "statistics".
  metric_statistic = { for metric in keys(local.metrics.emitted) : metric => lookup(local.metrics.statistics, metric, "Sum") }
  metric_search = {
    for metric, dimension in local.metrics.emitted :
    metric => "SEARCH('{${local.metrics.namespace},${dimension}} MetricName=\"${metric}\"', '${local.metric_statistic[metric]}', 300)"
  }

  dashboard_aws_row = 3 + ceil(length(local.metrics.emitted) / 2) * 6

  function_names = { for key, function in aws_lambda_function.this : key => function.function_name }

  dashboard_queues = {
    lifecycle       = aws_sqs_queue.lifecycle.name
    "lifecycle-dlq" = aws_sqs_queue.lifecycle_dlq.name
    "function-dlq"  = aws_sqs_queue.function_dlq.name
  }

  # Every alarm of the module: the dashboard's first row says which are firing; output alarm_names lists them.
  module_alarms = concat(
    values(aws_cloudwatch_metric_alarm.function_errors),
    values(aws_cloudwatch_metric_alarm.dead_letters),
    [aws_cloudwatch_metric_alarm.lifecycle_backlog],
    values(aws_cloudwatch_metric_alarm.reconcile_findings),
    values(aws_cloudwatch_metric_alarm.lifecycle_outcomes),
    values(aws_cloudwatch_metric_alarm.lambda_signals),
    values(aws_cloudwatch_metric_alarm.function_failures),
  )

  # The query docs/runbook.md starts from: what went wrong, newest first, with the instance it was about.
  problems_query = join(" | ", concat(
    [for key, group in aws_cloudwatch_log_group.function : "SOURCE '${group.name}'"],
    [
      "fields @timestamp, level, instanceId, message, Result, Action, Error, origin",
      "filter level = 'ERROR' or level = 'WARN'",
      "sort @timestamp desc",
      "limit 100",
    ],
  ))

  dashboard_widgets = concat(
    [{
      type       = "alarm", x = 0, y = 0, width = 24, height = 3
      properties = { title = "Alarms", alarms = [for alarm in local.module_alarms : alarm.arn] }
    }],
    # Every metric the functions emit, by its dimension; names only from functions.json.
    [for index, metric in sort(keys(local.metrics.emitted)) : {
      type = "metric", x = (index % 2) * 12, y = 3 + floor(index / 2) * 6, width = 12, height = 6
      properties = {
        title   = "${metric} by ${local.metrics.emitted[metric]} (${local.metric_statistic[metric]} per 5 min)"
        region  = local.region
        view    = "timeSeries"
        stacked = false
        period  = 300
        metrics = [[{ expression = local.metric_search[metric], id = "m${index}", label = "" }]]
      }
    }],
    [
      {
        type = "metric", x = 0, y = local.dashboard_aws_row, width = 8, height = 6
        properties = {
          title  = "Lambda errors and throttles"
          region = local.region
          view   = "timeSeries"
          period = 300
          stat   = "Sum"
          metrics = flatten([for key, name in local.function_names : [
            ["AWS/Lambda", "Errors", "FunctionName", name, { label = "${key} errors" }],
            ["AWS/Lambda", "Throttles", "FunctionName", name, { label = "${key} throttles" }],
          ]])
        }
      },
      {
        type = "metric", x = 8, y = local.dashboard_aws_row, width = 8, height = 6
        properties = {
          title   = "Lambda duration (p99, ms)"
          region  = local.region
          view    = "timeSeries"
          period  = 300
          stat    = "p99"
          metrics = [for key, name in local.function_names : ["AWS/Lambda", "Duration", "FunctionName", name, { label = key }]]
        }
      },
      {
        type = "metric", x = 16, y = local.dashboard_aws_row, width = 8, height = 6
        properties = {
          title   = "Lambda concurrent executions"
          region  = local.region
          view    = "timeSeries"
          period  = 60
          stat    = "Maximum"
          metrics = [for key, name in local.function_names : ["AWS/Lambda", "ConcurrentExecutions", "FunctionName", name, { label = key }]]
        }
      },
      {
        type = "metric", x = 0, y = local.dashboard_aws_row + 6, width = 12, height = 6
        properties = {
          title   = "Queue depth (lifecycle events and dead letters)"
          region  = local.region
          view    = "timeSeries"
          period  = 300
          stat    = "Maximum"
          metrics = [for key, queue in local.dashboard_queues : ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", queue, { label = key }]]
        }
      },
      {
        type = "metric", x = 12, y = local.dashboard_aws_row + 6, width = 12, height = 6
        properties = {
          title   = "Age of the oldest lifecycle event (s)"
          region  = local.region
          view    = "timeSeries"
          period  = 300
          stat    = "Maximum"
          metrics = [["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.lifecycle.name, { label = "lifecycle" }]]
        }
      },
      {
        type = "log", x = 0, y = local.dashboard_aws_row + 12, width = 24, height = 8
        properties = {
          title  = "Errors and warnings, newest first"
          region = local.region
          view   = "table"
          query  = local.problems_query
        }
      },
    ],
  )
}

resource "aws_cloudwatch_dashboard" "this" {
  count = var.dashboard_enabled ? 1 : 0

  dashboard_name = var.name
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
