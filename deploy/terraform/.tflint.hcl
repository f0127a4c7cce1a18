# Only the bundled terraform ruleset runs here: plugins (the aws ruleset) cannot be downloaded.
plugin "terraform" {
  enabled = true
  preset  = "all"
}
