// The Static Web App for web/ (the public site and the staff console), with the Function App linked as its backend:
// the site's /api/* is served by the Function App. Linking needs the Standard plan.

param name string
@description('Static Web Apps run in a few regions only (e.g. eastasia, westeurope, eastus2, centralus, westus2).')
param location string
param tags object
param functionAppId string
param functionAppLocation string

resource site 'Microsoft.Web/staticSites@2025-03-01' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Enabled'
  }

  resource backend 'linkedBackends' = {
    name: 'functions'
    properties: {
      backendResourceId: functionAppId
      region: functionAppLocation
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostname}'
