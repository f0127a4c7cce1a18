"""Microsoft's azure-devops Python SDK (PyPI azure-devops==7.1.0b4), unmodified, against the simulator.

Run by MicrosoftPythonSdkTest with the project's venv. Arguments: organization URL, project name,
pool id. The PAT comes in the environment (ADO_PAT), never on the command line. Prints one JSON
object: what each call returned, for the Java test to compare with the simulator's state.
"""
import json
import os
import sys

from azure.devops.connection import Connection
from azure.devops.exceptions import AzureDevOpsAuthenticationError
from msrest.authentication import BasicAuthentication


def main():
    organization_url, project_name, pool_id = sys.argv[1], sys.argv[2], int(sys.argv[3])
    connection = Connection(base_url=organization_url, creds=BasicAuthentication("", os.environ["ADO_PAT"]))
    core = connection.clients.get_core_client()
    task_agent = connection.clients.get_task_agent_client()

    project = core.get_project(project_name)
    environments = task_agent.get_environments(project.id)
    agents = task_agent.get_agents(pool_id, include_assigned_request=True)
    busy = [agent.name for agent in agents if agent.assigned_request is not None]
    target = next(agent for agent in agents if agent.assigned_request is None)
    target.enabled = False
    updated = task_agent.update_agent(target, pool_id, target.id)
    task_agent.delete_agent(pool_id, target.id)

    refused = Connection(base_url=organization_url, creds=BasicAuthentication("", "not-a-pat-of-this-org"))
    try:
        refused.clients.get_core_client().get_project(project_name)
        refusal = "none"
    except AzureDevOpsAuthenticationError as error:
        refusal = type(error).__name__

    print(json.dumps({
        "project": {"id": project.id, "name": project.name},
        "environments": [environment.name for environment in environments],
        "agents": [agent.name for agent in agents],
        "busy": busy,
        "disabled": {"id": updated.id, "enabled": updated.enabled},
        "deleted": target.id,
        "refusal": refusal,
    }))


if __name__ == "__main__":
    main()
