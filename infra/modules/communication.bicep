// Azure Communication Services for texts (optional). The app sends with the resource's connection string (kept in
// Key Vault, written here from listKeys, never output) and receives texts through an Event Grid system topic whose
// subscription to /api/sms/acs is made by webhooks.bicep once the code is deployed (Event Grid's validation
// handshake needs the app to answer). The phone number itself is bought in the portal or with az communication.

param name string
param tags object
@description('Where the data is kept, e.g. Asia Pacific, Europe, United States.')
param dataLocation string
param keyVaultName string

resource acs 'Microsoft.Communication/communicationServices@2025-05-01' = {
  name: name
  location: 'global'
  tags: tags
  properties: {
    dataLocation: dataLocation
  }
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource connectionString 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'acs-connection-string'
  properties: {
    value: acs.listKeys().primaryConnectionString
    contentType: 'text/plain'
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: 'evgt-${name}'
  location: 'global'
  tags: tags
  properties: {
    source: acs.id
    topicType: 'Microsoft.Communication.CommunicationServices'
  }
}

output name string = acs.name
output systemTopicName string = systemTopic.name
output connectionStringSecretName string = connectionString.name
