// clouds.yaml as openstacksdk / python-openstackclient / our CLI read it (OS_CLIENT_CONFIG_FILE).
import fs from 'node:fs/promises';
import { stringify } from 'yaml';

export interface CloudsYamlAccount {
  cloud: string;
  username: string;
  password: string;
  projectName: string;
}

export async function writeCloudsYaml(file: string, authUrl: string, region: string, accounts: CloudsYamlAccount[]): Promise<void> {
  const clouds: Record<string, unknown> = {};
  for (const a of accounts) {
    clouds[a.cloud] = {
      auth: {
        auth_url: authUrl,
        username: a.username,
        password: a.password,
        project_name: a.projectName,
        user_domain_name: 'Default',
        project_domain_name: 'Default',
      },
      region_name: region,
      interface: 'public',
      identity_api_version: 3,
    };
  }
  await fs.writeFile(file, stringify({ clouds }), { mode: 0o600 });
}
