// Key Vault with RBAC authorization, holding every secret the app reads. The app's app settings refer to these
// secrets by URI (@Microsoft.KeyVault(SecretUri=…), versionless so a new version is picked up), resolved with the
// Function App's system-assigned identity, which functionApp.bicep makes a Key Vault Secrets User.

param name string
param location string
param tags object
param enablePurgeProtection bool

@description('Secret name → value; every name in secretNames must be present.')
@secure()
param secretValues object

// The secrets, by Key Vault name. appSettings.bicep refers to each of them; the infra tests check both lists agree.
var secretNames = [
  'wechat-token'
  'wechat-encoding-aes-key'
  'wechat-app-secret'
  'twilio-auth-token'
  'acs-webhook-key'
  'aliyun-webhook-key'
  'hotline-transcript-secret'
  'privacy-encryption-key'
  'privacy-hash-key'
  'text-analytics-key'
  'open311-api-keys'
]

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: enablePurgeProtection ? true : null
    publicNetworkAccess: 'Enabled'
  }
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = [
  for secretName in secretNames: {
    parent: vault
    name: secretName
    properties: {
      value: secretValues[secretName]
      contentType: 'text/plain'
    }
  }
]

output name string = vault.name
output vaultUri string = vault.properties.vaultUri
